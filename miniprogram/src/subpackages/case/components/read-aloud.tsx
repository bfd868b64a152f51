import { useEffect, useState } from 'react';
import { Btn } from '../../../components/ui';
import { readAloud, readAloudAvailable, stopReading } from '../../../features/cases/speech';

/** 朗读 / 停止朗读 of the status and the answer; not shown where the device cannot speak (weapp: see speech.ts). */
export function ReadAloudButton({ text }: { text: string }) {
  const [available] = useState(readAloudAvailable);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => stopReading(), []);
  if (!available) return null;
  const toggle = () => {
    if (speaking) {
      stopReading();
      setSpeaking(false);
      return;
    }
    if (readAloud(text, () => setSpeaking(false))) setSpeaking(true);
  };
  return (
    <Btn className='read-aloud' onClick={toggle}>
      {speaking ? '停止朗读' : '朗读'}
    </Btn>
  );
}

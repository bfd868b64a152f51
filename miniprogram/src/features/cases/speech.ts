import { IS_H5 } from '../../lib/env';

/**
 * 语音朗读 of the case page. H5: the browser's speechSynthesis with a Chinese voice. weapp: WeChat
 * has no built-in text-to-speech API — only the 微信同声传译 plugin (WechatSI), which needs the
 * mini-program's AppID to be granted the plugin in the WeChat admin console and a `plugins` entry
 * in app.json — so the button is not offered there (readAloudAvailable() is false) rather than
 * offered and failing.
 */
interface SpeechLike {
  speak(u: unknown): void;
  cancel(): void;
  getVoices?(): { lang: string }[];
}

function synth(): SpeechLike | undefined {
  if (!IS_H5 || typeof window === 'undefined') return undefined;
  const w = window as unknown as { speechSynthesis?: SpeechLike; SpeechSynthesisUtterance?: unknown };
  return w.speechSynthesis && typeof w.SpeechSynthesisUtterance === 'function' ? w.speechSynthesis : undefined;
}

export function readAloudAvailable(): boolean {
  return synth() !== undefined;
}

/** Start reading `text` aloud in Chinese; `onEnd` when it finishes or is stopped. Returns false when not available. */
export function readAloud(text: string, onEnd: () => void): boolean {
  const s = synth();
  if (!s) return false;
  s.cancel();
  const Utterance = (window as unknown as { SpeechSynthesisUtterance: new (text: string) => Record<string, unknown> }).SpeechSynthesisUtterance;
  const u = new Utterance(text);
  u.lang = 'zh-CN';
  const voice = s.getVoices?.().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith('zh-cn')) ?? s.getVoices?.().find((v) => v.lang.toLowerCase().startsWith('zh'));
  if (voice) u.voice = voice;
  u.rate = 0.9;
  u.onend = onEnd;
  u.onerror = onEnd;
  s.speak(u);
  return true;
}

export function stopReading(): void {
  synth()?.cancel();
}

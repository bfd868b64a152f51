import { Button } from 'antd';
import { clearDraft } from '@/lib/drafts';

/** 丢弃草稿: forget what was typed (kept in local storage as a draft) and close the form. */
export function DiscardDraftButton({ draftKey, onClose }: { draftKey: string; onClose: () => void }) {
  return (
    <Button
      type="link"
      onClick={() => {
        clearDraft(draftKey);
        onClose();
      }}
    >
      丢弃草稿
    </Button>
  );
}

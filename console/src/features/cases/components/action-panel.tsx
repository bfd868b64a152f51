import type { ConsoleCaseDto } from '@minsheng/shared';
import { Badge, Button, Card, Flex, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { draftsFor } from '@/lib/drafts';
import { ACTIONS, offeredActions, unavailableReason, type OfficialAction } from '../actions';
import { ActionForm } from './action-form';

/**
 * The actions this official may take on this case now (the server's allowedActions), each opening its
 * form — in `formSlot` when given (the workspace's full-width area below the case content: a reply
 * needs room), else below the buttons.
 */
export function ActionPanel({ c, username, onReload, formSlot }: { c: ConsoleCaseDto; username: string; onReload: () => Promise<unknown>; formSlot?: HTMLElement | null }) {
  const offered = offeredActions(c);
  const [drafts, setDrafts] = useState(() => new Set(draftsFor(username, c.caseNo)));
  // Back from an expired session or a reload: reopen the form that has an unsent draft.
  const [active, setActive] = useState<OfficialAction | undefined>(() => offered.find((a) => drafts.has(a)));

  useEffect(() => {
    setDrafts(new Set(draftsFor(username, c.caseNo)));
  }, [username, c.caseNo, c.version, active]);

  // Opened by a button in the side column: bring the wide form into view, its first field focused.
  const [opened, setOpened] = useState(0);
  useEffect(() => {
    if (!opened || !formSlot) return;
    formSlot.scrollIntoView({ block: 'start', behavior: 'instant' as ScrollBehavior });
    formSlot.querySelector<HTMLElement>('textarea, input, .ant-select-selector')?.focus({ preventScroll: true });
  }, [opened, formSlot]);

  const form = (a: OfficialAction) => <ActionForm key={a} c={c} action={a} username={username} stillAllowed={offered.includes(a)} onClose={() => setActive(undefined)} onReload={onReload} />;

  if (!offered.length && !active) {
    return (
      <Card title={<h2 className="card-title">办理操作</h2>} size="small">
        <Typography.Paragraph style={{ margin: 0 }}>案件当前状态下，您的角色没有可进行的操作。</Typography.Paragraph>
      </Card>
    );
  }

  return (
    <Flex vertical gap={12}>
      <Card title={<h2 className="card-title">办理操作</h2>} size="small">
        <Flex wrap gap={8} role="toolbar" aria-label="办理操作">
          {offered.map((a) => {
            const spec = ACTIONS[a];
            const why = unavailableReason(a, c);
            const button = (
              <Button
                key={a}
                type={spec.primary ? 'primary' : 'default'}
                danger={spec.danger ?? false}
                disabled={Boolean(why)}
                aria-pressed={active === a}
                onClick={() => {
                  setActive(a);
                  setOpened((n) => n + 1);
                }}
                data-action={a}
              >
                {spec.label}
                {drafts.has(a) ? <Badge count="草稿" color="#614700" style={{ marginLeft: 4 }} /> : null}
              </Button>
            );
            return why ? (
              <Tooltip key={a} title={why}>
                <span>{button}</span>
              </Tooltip>
            ) : (
              button
            );
          })}
        </Flex>
        {offered.map((a) => unavailableReason(a, c)).filter(Boolean).map((why) => (
          <Typography.Paragraph key={why} className="hint" style={{ margin: '8px 0 0' }}>
            {why}
          </Typography.Paragraph>
        ))}
      </Card>
      {active ? (
        formSlot ? (
          <>
            <Typography.Paragraph className="hint" style={{ margin: 0 }}>
              “{ACTIONS[active].label}”的表单在案件内容下方。
            </Typography.Paragraph>
            {createPortal(form(active), formSlot)}
          </>
        ) : (
          form(active)
        )
      ) : null}
    </Flex>
  );
}

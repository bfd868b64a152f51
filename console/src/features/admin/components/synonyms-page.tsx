import { LIBRARY_LIMITS, type SynonymsResponse } from '@minsheng/shared';
import { Alert, App, Button, Card, Flex, Input, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage, isApiError } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { clearDraft, draftKey, loadDraft, saveDraft, type Draft } from '@/lib/drafts';
import { formatDateTime } from '@/lib/format';
import { useSynonyms } from '../api/get-synonyms';
import { usePutSynonyms } from '../api/put-synonyms';
import { useResetSynonyms } from '../api/reset-synonyms';
import { useOfficialLabel } from '../api/list-officials';
import { checkSynonyms, formatSynonymGroups, parseSynonymText, synonymProblems } from '../synonyms-text';

type SynonymDraft = { text: string };

function SynonymsEditor({ current, username, reload }: { current: SynonymsResponse; username: string; reload: () => void }) {
  const who = useOfficialLabel();
  const key = draftKey(username, 'library', 'synonyms');
  const [draft, setDraft] = useState<Draft<SynonymDraft> | undefined>(() => loadDraft<SynonymDraft>(key));
  const saved = formatSynonymGroups(current.groups);
  const [text, setText] = useState(() => draft?.values.text ?? saved);
  const [problems, setProblems] = useState<string[]>([]);
  const put = usePutSynonyms();
  const reset = useResetSynonyms();
  const [stale, setStale] = useState(false);
  const { message, modal } = App.useApp();
  const parsed = useMemo(() => parseSynonymText(text), [text]);
  const changed = text !== saved;

  const edit = (value: string) => {
    setText(value);
    setProblems([]);
    saveDraft(key, { text: value === saved ? '' : value });
  };

  const save = async () => {
    // The same rules as the API (shared/), pointed at lines, before anything is sent.
    const local = checkSynonyms(parsed);
    setProblems(local);
    if (local.length) return;
    try {
      // Against the list this admin started from: another admin's save meanwhile is not overwritten unseen.
      const result = await put.mutateAsync({ groups: parsed.groups, expectedRevision: current.isDefault ? null : (current.revision ?? null) });
      clearDraft(key);
      setDraft(undefined);
      setText(formatSynonymGroups(result.groups));
      message.success(`已保存同义词表（${result.groups.length} 组），几秒内对检索生效`);
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        // The draft stays on this device; reloading shows the other admin's list with it restored.
        setStale(true);
        setProblems([errorMessage(e)]);
      } else if (isApiError(e) && e.fields) setProblems(synonymProblems(e.fields, parsed.lines));
      else if (!(isApiError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'TOKEN_EXPIRED'))) setProblems([errorMessage(e)]);
    }
  };

  const backToBuiltIn = () =>
    modal.confirm({
      title: '恢复系统内置的同义词表？',
      content: `当前自定义的 ${current.groups.length} 组将不再生效，检索改用内置列表（几秒内生效）。`,
      okText: '恢复内置列表',
      cancelText: '取消',
      onOk: async () => {
        try {
          await reset.mutateAsync(current.revision ?? 1);
          clearDraft(key);
          message.success('已恢复系统内置的同义词表');
        } catch (e) {
          if (isApiError(e) && e.code === 'VERSION_CONFLICT') setStale(true);
          setProblems([errorMessage(e)]);
        }
      },
    });

  const undo = () => {
    clearDraft(key);
    setDraft(undefined);
    setText(saved);
    setProblems([]);
  };

  return (
    <>
      {current.isDefault ? (
        <Alert
          type="info"
          showIcon
          className="synonyms-status"
          style={{ marginBottom: 16 }}
          title={`正在使用系统内置的同义词表（${current.groups.length} 组）`}
          description="尚未保存过自定义列表。在下方修改并保存后，改用您保存的列表（内置列表不再生效）。"
        />
      ) : (
        <Alert
          type="success"
          showIcon
          className="synonyms-status"
          style={{ marginBottom: 16 }}
          title={`正在使用自定义同义词表（${current.groups.length} 组）`}
          description={`由 ${who(current.updatedBy)} 于 ${formatDateTime(current.updatedAt)} 保存。`}
        />
      )}
      {draft ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`已恢复 ${formatDateTime(draft.savedAt)} 保存的草稿`} description="您上次修改但没有保存的内容已自动保存在本机；不需要时点“撤销修改”。" />
      ) : null}
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="synonyms-problems"
          style={{ marginBottom: 16 }}
          title={stale ? '同义词表未保存：其他管理员刚刚修改过' : '同义词表未保存，请修改以下问题'}
          description={
            <>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              {stale ? (
                <Button style={{ marginTop: 8 }} onClick={reload}>
                  载入最新列表（保留草稿）
                </Button>
              ) : null}
            </>
          }
        />
      ) : null}
      <Card size="small" title={<h2 className="card-title">同义词组（每行一组）</h2>}>
        <Typography.Paragraph>
          组内的词用顿号（、）、逗号或空格分开，每组至少两个词，每个词不超过 {LIBRARY_LIMITS.synonymTermMax} 个字，一个词只能属于一组。群众搜索其中任何一个词，都能找到含有同组其他词的政策和问答。每组第一个词是这一组的名称。
        </Typography.Paragraph>
        <Input.TextArea
          id="synonym-text"
          aria-label="同义词组（每行一组）"
          aria-describedby="synonym-count"
          value={text}
          onChange={(e) => edit(e.target.value)}
          autoSize={{ minRows: 12, maxRows: 30 }}
          spellCheck={false}
          style={{ fontSize: 15, lineHeight: 1.8 }}
        />
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
          <Typography.Text id="synonym-count" className="hint">
            共 {parsed.groups.length} 组{changed ? '（有未保存的修改）' : ''}
          </Typography.Text>
          <Space wrap>
            {current.isDefault ? null : (
              <Button danger onClick={backToBuiltIn} loading={reset.isPending}>
                恢复内置列表
              </Button>
            )}
            <Button onClick={undo} disabled={!changed && !draft}>
              撤销修改
            </Button>
            <Button type="primary" onClick={() => void save()} loading={put.isPending} disabled={!changed}>
              保存同义词表
            </Button>
          </Space>
        </Flex>
      </Card>
    </>
  );
}

/** 同义词: the groups of words that mean the same to someone searching the library (社保 = 社会保险 = 五险). */
export function SynonymsPage() {
  const official = useOfficial();
  const query = useSynonyms();
  return (
    <>
      <PageTitle title="同义词" subtitle="群众常用说法与政策文件用语的对应，用于政策问答库的检索。保存后整个列表替换，几秒内生效。" />
      <QueryState query={query}>{(current) => <SynonymsEditor key={`${current.revision ?? 'default'}-${current.updatedAt ?? ''}`} current={current} username={official.username} reload={() => void query.refetch()} />}</QueryState>
    </>
  );
}

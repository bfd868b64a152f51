import { SCHEDULE_SOURCE_LABELS, type CalendarResponse, type ScheduleSource } from '@minsheng/shared';
import { Alert, App, Button, Card, Checkbox, Flex, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useMemo, useState, type ChangeEvent } from 'react';
import { errorMessage, isApiError } from '@/lib/api-client';
import { clearDraft, draftKey, loadDraft, saveDraft } from '@/lib/drafts';
import { formatDateTime } from '@/lib/format';
import { useEnterCalendarYear } from '../api/enter-calendar-year';
import { overridesOfYear, parseSchedule, suggestedYear, totalsText } from '../calendar-horizon';
import { ScheduleTable } from './schedule-table';

type YearDraft = { year: number; source: ScheduleSource; text: string; fileName?: string };

const EXAMPLE = `一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至13日（周六）放假调休，共8天。1月31日（周日）、2月20日（周六）上班。`;

/**
 * 录入全年节假日安排: paste the State Council notice (or upload an .ics file), read the preview —
 * days off and make-up days per holiday, with weekdays, and any problem — then enter the year in one
 * step. The preview is parsed by shared/'s parser, exactly what the API stores; the text is kept as
 * a draft on this device until entered.
 */
export function YearScheduleCard({ calendar, username }: { calendar: CalendarResponse; username: string }) {
  const key = draftKey(username, 'calendar', 'year-schedule');
  const [draft, setDraft] = useState<YearDraft>(() => loadDraft<YearDraft>(key)?.values ?? { year: suggestedYear(calendar, new Date()), source: 'notice', text: '' });
  const [replaceManual, setReplaceManual] = useState(false);
  const [fileProblem, setFileProblem] = useState<string>();
  const [serverProblem, setServerProblem] = useState<string>();
  const enter = useEnterCalendarYear();
  const { message, modal } = App.useApp();

  const update = (next: Partial<YearDraft>) => {
    const value = { ...draft, ...next };
    setDraft(value);
    setServerProblem(undefined);
    // Kept on this device as typed; an empty text means no draft.
    saveDraft(key, value.text.trim() ? value : { text: '' });
  };

  const parse = useMemo(() => (draft.text.trim() ? parseSchedule(draft.source, draft.text, draft.year) : undefined), [draft.source, draft.text, draft.year]);
  const errors = parse?.problems.filter((p) => p.severity === 'error') ?? [];
  const warnings = parse?.problems.filter((p) => p.severity === 'warning') ?? [];
  const manual = parse ? overridesOfYear(calendar.overrides, parse) : undefined;
  const before = calendar.schedules.find((s) => s.year === draft.year);
  const known = calendar.knownYears.includes(draft.year);

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileProblem(undefined);
    if (!file) return;
    if (file.size > 2_000_000) {
      setFileProblem('文件过大（超过 2 MB），请只导出需要的年份');
      return;
    }
    update({ text: await file.text(), fileName: file.name });
  };

  const submit = () => {
    if (!parse || errors.length) return;
    const year = draft.year;
    modal.confirm({
      title: `录入 ${year} 年节假日安排？`,
      content: (
        <>
          <p>{totalsText(parse)}。</p>
          {before ? <p>将替换 {before.enteredByName} 于 {formatDateTime(before.enteredAt)} 录入的 {year} 年安排。</p> : null}
          {replaceManual && manual?.all.length ? <p>同时删除 {year} 年的 {manual.all.length} 条单日调整。</p> : null}
          <p>录入后记入变更记录，按工作日计时的办理中案件随即在后台按新安排重新计算期限（本页显示进度）。</p>
        </>
      ),
      okText: '确认录入',
      cancelText: '取消',
      onOk: async () => {
        try {
          const result = await enter.mutateAsync({ year, source: draft.source, holidays: parse.schedule.holidays, ...(replaceManual ? { replaceManual: true } : {}) });
          clearDraft(key);
          setDraft({ year: year + 1, source: draft.source, text: '' });
          setReplaceManual(false);
          message.success(
            `已录入 ${year} 年节假日安排：${result.holidays} 个节日，放假 ${result.daysOff} 天，调休上班 ${result.workdays} 天；在办诉求的办理时限正在后台重新计算`,
          );
        } catch (e) {
          if (!(isApiError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'TOKEN_EXPIRED'))) setServerProblem(errorMessage(e));
        }
      },
    });
  };

  return (
    <Card size="small" title={<h2 className="card-title">录入全年节假日安排</h2>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph>
        国务院办公厅每年 11—12 月公布下一年的《部分节假日安排的通知》。选择年份，把通知正文整段粘贴进来（标题、落款等其他文字会自动略过），或上传该年的 .ics 日历文件；核对下方预览无误后录入。
      </Typography.Paragraph>
      <Flex gap={24} wrap align="flex-end" style={{ marginBottom: 12 }}>
        <div>
          <label htmlFor="schedule-year" className="field-label">
            年份
          </label>
          <InputNumber id="schedule-year" min={2000} max={2100} precision={0} value={draft.year} onChange={(v) => typeof v === 'number' && update({ year: v })} style={{ width: 120 }} />
        </div>
        <div>
          <span id="schedule-source-label" className="field-label">
            来源
          </span>
          <Radio.Group
            aria-labelledby="schedule-source-label"
            value={draft.source}
            onChange={(e) => update({ source: e.target.value as ScheduleSource, text: '', fileName: undefined })}
            options={(['notice', 'ics'] as const).map((s) => ({ value: s, label: SCHEDULE_SOURCE_LABELS[s] }))}
          />
        </div>
      </Flex>
      {known && !before ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${draft.year} 年已有内置的官方安排`} description="录入后，该年以您录入的安排为准（只在内置数据有误时才需要）。" />
      ) : null}
      {draft.source === 'notice' ? (
        <>
          <label htmlFor="schedule-text" className="field-label">
            通知正文
          </label>
          <Input.TextArea
            id="schedule-text"
            aria-describedby="schedule-text-hint"
            value={draft.text}
            onChange={(e) => update({ text: e.target.value })}
            placeholder={EXAMPLE}
            autoSize={{ minRows: 6, maxRows: 20 }}
            spellCheck={false}
            style={{ fontSize: 15, lineHeight: 1.8 }}
          />
          <details id="schedule-text-hint" className="hint" style={{ marginTop: 8 }}>
            <summary>通知正文的写法</summary>
            <ul className="format-notes">
              <li>每个节日一行：名称、冒号，然后是日期。如“元旦：1月1日至3日放假，共3天。”</li>
              <li>“放假”之前的日期是放假日：“2月6日至13日”是一段，“5月1日、5月5日”是单日；后一个日期可省略月份（“至13日”）。跨年的日期写明年份（“2026年12月31日”）。</li>
              <li>“上班”之前的日期是调休上班日，如“1月31日（周日）、2月20日（周六）上班”。</li>
              <li>括号里的星期（周六、星期六）会与所选年份核对；“共N天”会与放假天数核对。</li>
              <li>“鼓励……休息”之类不是法定放假的句子不会录入，预览中会提示。</li>
            </ul>
          </details>
        </>
      ) : (
        <>
          <label htmlFor="schedule-file" className="field-label">
            .ics 文件
          </label>
          <input id="schedule-file" type="file" accept=".ics,text/calendar" onChange={(e) => void readFile(e)} aria-describedby="schedule-file-hint" />
          <Typography.Paragraph id="schedule-file-hint" className="hint" style={{ marginTop: 8 }}>
            全天事件为放假日（结束日期不含当天）；事件名称含“班”（上班、补班）的为调休上班日。只录入所选年份的事件。
            {draft.fileName ? ` 已读取：${draft.fileName}` : ''}
          </Typography.Paragraph>
          {fileProblem ? <Alert type="error" showIcon role="alert" title={fileProblem} /> : null}
        </>
      )}

      {parse ? (
        <section aria-label={`${draft.year} 年安排预览`} style={{ marginTop: 16 }}>
          <h3 className="card-title" style={{ marginBottom: 8 }}>
            预览：{draft.year} 年，{totalsText(parse)}
          </h3>
          <ProblemAlert type="error" title="有问题，不能录入，请修改：" problems={errors} />
          <ProblemAlert type="warning" title="请核对：" problems={warnings} />
          {parse.schedule.holidays.length ? <ScheduleTable year={draft.year} holidays={parse.schedule.holidays} caption={`${draft.year} 年各节日的放假和调休上班安排`} /> : null}
          {parse.ignored.length ? (
            <details className="hint" style={{ marginTop: 8 }}>
              <summary>已略过的文字（{parse.ignored.length} 处，不是节日安排）</summary>
              <ul className="format-notes">
                {parse.ignored.map((i) => (
                  <li key={`${i.line}-${i.text}`}>{i.line ? `第 ${i.line} 行：` : ''}{i.text}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {manual?.all.length ? (
            <div style={{ marginTop: 12 }}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {draft.year} 年另有 {manual.all.length} 条单日调整（{manual.all.map((o) => `${o.date}${o.work ? '上班' : '休息'}`).join('、')}）。
                {manual.shadowed.length ? `其中 ${manual.shadowed.length} 条与通知列出的日期相同，录入后以通知为准。` : ''}其余仍然有效，除非一并删除。
              </Typography.Paragraph>
              <Checkbox checked={replaceManual} onChange={(e) => setReplaceManual(e.target.checked)}>
                同时删除这 {manual.all.length} 条单日调整
              </Checkbox>
            </div>
          ) : null}
          {serverProblem ? <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title="未能录入" description={serverProblem} /> : null}
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Space>
              <Button onClick={() => update({ text: '', fileName: undefined })}>清空</Button>
              <Button type="primary" onClick={submit} disabled={errors.length > 0 || !parse.schedule.holidays.length} loading={enter.isPending}>
                录入 {draft.year} 年安排
              </Button>
            </Space>
          </Flex>
        </section>
      ) : null}
    </Card>
  );
}

/** The parser's problems of one kind as a list in an alert (nothing when there are none); errors are announced. */
function ProblemAlert({ type, title, problems }: { type: 'error' | 'warning'; title: string; problems: readonly { message: string }[] }) {
  if (!problems.length) return null;
  return (
    <Alert
      type={type}
      showIcon
      {...(type === 'error' ? { role: 'alert' } : {})}
      style={{ marginBottom: 12 }}
      title={title}
      description={
        <ul className="problem-list">
          {problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      }
    />
  );
}

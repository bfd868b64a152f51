import { DownloadOutlined } from '@ant-design/icons';
import { OPEN_DATA_DEFAULT_K, OPEN_DATA_MAX_K } from '@minsheng/shared';
import { Alert, Button, InputNumber, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { PageTitle } from '@/components/ui/page-title';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { errorMessage } from '@/lib/api-client';
import { downloadOpenData } from '../api/download-open-data';
import { endedMonths } from '@/lib/months';

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** 开放数据: the ended months of the last year, each downloadable as the anonymised CSV or JSON file. */
export function OpenDataPage() {
  const months = useMemo(() => endedMonths(new Date(), 12), []);
  const [k, setK] = useState<number>(OPEN_DATA_DEFAULT_K);
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const download = async (month: string, format: 'csv' | 'json') => {
    setBusy(`${month}-${format}`);
    setError(undefined);
    try {
      await downloadOpenData(month, format, k);
    } catch (e) {
      setError(`${monthLabel(month)}：${errorMessage(e)}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <PageTitle
        title="开放数据"
        subtitle={`每月受理诉求的匿名化数据，供第三方评估：每件一行（类型、类别、所在单位、来源渠道、登记/答复/办结日期、是否按时、答复结果、评价），不含姓名、电话、诉求内容、地址和案件编号；少于 k 件的组合已合并或隐去。只能导出已经结束的月份，范围为本单位辖区。`}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="open-data-k">最小组合件数 k</label>
        <InputNumber id="open-data-k" min={2} max={OPEN_DATA_MAX_K} precision={0} value={k} onChange={(v) => setK(typeof v === 'number' ? v : OPEN_DATA_DEFAULT_K)} />
        <Typography.Text type="secondary">默认 {OPEN_DATA_DEFAULT_K}；k 越大，数据越粗、越安全。</Typography.Text>
      </Space>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <ScrollRegion label="可导出的月份">
        <Table<{ month: string }>
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={months.map((month) => ({ month }))}
          title={() => <span className="table-caption">可导出的月份</span>}
          columns={[
            { title: '月份', key: 'month', render: (_: unknown, r) => monthLabel(r.month) },
            {
              title: '下载',
              key: 'download',
              render: (_: unknown, r) => (
                <Space>
                  <Button icon={<DownloadOutlined aria-hidden />} loading={busy === `${r.month}-csv`} onClick={() => void download(r.month, 'csv')} aria-label={`下载 ${monthLabel(r.month)} CSV`}>
                    下载 CSV
                  </Button>
                  <Button icon={<DownloadOutlined aria-hidden />} loading={busy === `${r.month}-json`} onClick={() => void download(r.month, 'json')} aria-label={`下载 ${monthLabel(r.month)} JSON`}>
                    下载 JSON
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </ScrollRegion>
    </>
  );
}

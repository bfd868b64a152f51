import { InfoCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';

/** A rate's name with an ⓘ telling what it counts (on hover and on keyboard focus; read as the button's name). The page lists the same definitions under 指标说明. */
export function RateName({ title, definition }: { title: string; definition: string }) {
  return (
    <span className="figure-name">
      {title}
      <Tooltip title={definition}>
        <button type="button" className="figure-info" aria-label={`${title}的定义：${definition}`}>
          <InfoCircleOutlined aria-hidden />
        </button>
      </Tooltip>
    </span>
  );
}

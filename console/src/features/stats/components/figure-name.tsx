import { InfoCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { FIGURES, type FigureKey } from '../figures';

/** A figure's name with an ⓘ that tells what it counts (on hover and on keyboard focus; screen readers read it as the button's description). */
export function FigureName({ figure, suffix = '' }: { figure: FigureKey; suffix?: string }) {
  const f = FIGURES[figure];
  return (
    <span className="figure-name">
      {f.title}
      {suffix}
      <Tooltip title={f.definition}>
        <button type="button" className="figure-info" aria-label={`${f.title}的定义：${f.definition}`} data-definition={figure}>
          <InfoCircleOutlined aria-hidden />
        </button>
      </Tooltip>
    </span>
  );
}

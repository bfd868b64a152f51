import Taro from '@tarojs/taro';
import { CASE_TYPE_LABELS } from '@minsheng/shared';
import { formatDate, groupCaseNo, groupPassword } from '../../lib/format';
import type { RememberedCase } from './types';

const WIDTH = 750;
const HEIGHT = 760;

/** Minimal 2D context both H5's canvas and weapp's offscreen canvas provide. */
interface Ctx {
  fillStyle: string;
  font: string;
  textAlign: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  strokeStyle: string;
  lineWidth: number;
}

/** The credentials card, drawn large and plain: what someone would copy onto paper. */
function draw(ctx: Ctx, c: RememberedCase) {
  const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif`;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.strokeStyle = '#0b57b0';
  ctx.lineWidth = 6;
  ctx.strokeRect(12, 12, WIDTH - 24, HEIGHT - 24);
  ctx.textAlign = 'left';
  ctx.fillStyle = '#0b57b0';
  ctx.font = font(40, true);
  ctx.fillText('民声 · 诉求查询凭证', 48, 90);
  ctx.fillStyle = '#4e5969';
  ctx.font = font(28);
  ctx.fillText(`${CASE_TYPE_LABELS[c.type]}：${c.title.length > 18 ? `${c.title.slice(0, 18)}…` : c.title}`, 48, 150);
  ctx.fillText('案件编号', 48, 230);
  ctx.fillText('查询密码', 48, 400);
  ctx.fillStyle = '#1d2129';
  ctx.font = font(64, true);
  ctx.fillText(groupCaseNo(c.caseNo), 48, 310);
  ctx.fillText(groupPassword(c.password), 48, 480);
  ctx.fillStyle = '#4e5969';
  ctx.font = font(28);
  ctx.fillText(`提交日期：${formatDate(c.filedAt)}    答复期限：${formatDate(c.dueAt)}`, 48, 570);
  ctx.fillStyle = '#b42318';
  ctx.fillText('请妥善保管，不要告诉他人。凭编号和密码查询办理进度。', 48, 640);
}

/**
 * Save the credentials as a picture: to the photo album on weapp, as a PNG download on H5.
 * Resolves with a message to show the citizen.
 */
export async function saveCredentialImage(c: RememberedCase): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas unavailable');
    draw(ctx as unknown as Ctx, c);
    const link = document.createElement('a');
    link.href = canvas.toDataURL('image/png');
    link.download = `民声-案件${c.caseNo}.png`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return '图片已下载，请在“下载”文件夹中查看';
  }
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: WIDTH, height: HEIGHT }) as unknown as { getContext(kind: '2d'): Ctx };
  draw(canvas.getContext('2d'), c);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option);
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
  return '已保存到手机相册';
}

import Taro from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { CASE_TYPE_LABELS, pageUrl } from '@minsheng/shared';
import { formatDate, groupCaseNo, groupPassword } from '../../lib/format';
import type { RememberedCase } from './types';

/** The image is 750 px wide; its height follows what it holds. Text stays `MARGIN` inside each edge. */
export const CREDENTIAL_IMAGE = { width: 750, margin: 48, border: 6, qrModule: 6 } as const;

const FONT_FAMILY = '"PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif';
const MONO_FAMILY = '"DejaVu Sans Mono", Menlo, Consolas, monospace';
export const credentialFont = (px: number, bold = false, mono = false) => `${bold ? 'bold ' : ''}${px}px ${mono ? MONO_FAMILY : FONT_FAMILY}`;

/** How wide `text` is in `font`: ctx.measureText on a real canvas. */
export type Measure = (text: string, font: string) => number;

export interface CredentialLine {
  text: string;
  font: string;
  color: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  /** As measured: never more than the width inside the margins. */
  width: number;
}

export interface CredentialLayout {
  width: number;
  height: number;
  lines: CredentialLine[];
  /** Where the QR code of the tracking address goes (a square), and what it encodes. */
  qr: { x: number; y: number; size: number; text: string };
}

/**
 * The H5 tracking page for a case: the site's address with the case number as query. Never the
 * password (the picture may be seen by others; the QR code only saves typing the number).
 * `site` is the H5 site's address up to the hash (`https://…/` or `http://localhost:1234/`).
 */
export function trackingAddress(site: string, caseNo: string): string {
  return `${site.replace(/#.*$/, '')}#${pageUrl('track', { caseNo })}`;
}

/** The H5 site this build belongs to: where it is open (H5), or the configured H5 address (weapp). */
export function currentSite(): string {
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') return `${location.origin}${location.pathname}`;
  return process.env.TARO_APP_H5_SITE || 'https://minsheng.example.gov.cn/';
}

/** Break `text` into lines no wider than `max` (Chinese breaks anywhere; a run of Latin letters or digits stays whole when it can). */
export function wrapText(text: string, font: string, max: number, measure: Measure): string[] {
  const pieces = text.match(/[A-Za-z0-9:/._?=&%#-]+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line && measure(line + piece, font) > max) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
  };
  for (const piece of pieces) {
    if (measure(piece, font) <= max) {
      push(piece);
    } else {
      // A piece longer than a line (a long address): character by character.
      for (const ch of piece) push(ch);
    }
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/** The largest size ≤ `px` at which `text` fits `max` in one line (a case number never wraps). */
function fitOneLine(text: string, px: number, max: number, measure: Measure, bold: boolean, mono: boolean): number {
  let size = px;
  while (size > 20 && measure(text, credentialFont(size, bold, mono)) > max) size -= 2;
  return size;
}

/**
 * Where everything on the credentials picture goes, measured with `measure` so that no line is
 * wider than the space inside the margins (long lines wrap; the case number and password shrink
 * to one line instead). Pure: the tests call it with their own measure.
 */
export function credentialLayout(c: RememberedCase, site: string, measure: Measure): CredentialLayout {
  const { width, margin, qrModule } = CREDENTIAL_IMAGE;
  const max = width - 2 * margin;
  const lines: CredentialLine[] = [];
  let y = margin;
  const add = (text: string, px: number, color: string, options: { bold?: boolean; mono?: boolean; gap?: number; oneLine?: boolean } = {}) => {
    y += options.gap ?? 0;
    const size = options.oneLine ? fitOneLine(text, px, max, measure, Boolean(options.bold), Boolean(options.mono)) : px;
    const font = credentialFont(size, options.bold, options.mono);
    for (const part of options.oneLine ? [text] : wrapText(text, font, max, measure)) {
      y += Math.round(size * 1.35);
      lines.push({ text: part, font, color, x: margin, y, width: measure(part, font) });
    }
  };
  add('民声 · 诉求查询凭证', 40, '#0b57b0', { bold: true, gap: 8 });
  add(`${CASE_TYPE_LABELS[c.type]}：${c.title}`, 28, '#4e5969', { gap: 16 });
  add('案件编号', 28, '#4e5969', { gap: 32 });
  add(groupCaseNo(c.caseNo), 64, '#1d2129', { bold: true, mono: true, oneLine: true, gap: 4 });
  add('查询密码', 28, '#4e5969', { gap: 28 });
  add(groupPassword(c.password), 64, '#1d2129', { bold: true, mono: true, oneLine: true, gap: 4 });
  add(`提交日期：${formatDate(c.filedAt)}`, 28, '#4e5969', { gap: 32 });
  add(`答复期限：${formatDate(c.dueAt)}`, 28, '#4e5969', { gap: 4 });
  add('请妥善保管，不要告诉他人。凭编号和密码查询办理进度。', 28, '#b42318', { gap: 20 });
  add('扫码打开查询页（已填好案件编号，密码仍需输入）：', 26, '#4e5969', { gap: 28 });

  const text = trackingAddress(site, c.caseNo);
  const modules = qrModules(text).length;
  // Four modules of quiet zone on each side, as scanners expect.
  const size = (modules + 8) * qrModule;
  const qr = { x: Math.round((width - size) / 2), y: y + 16, size, text };
  y = qr.y + size;
  add(text, 24, '#1d2129', { gap: 4 });
  return { width, height: y + margin, lines, qr };
}

/** The QR code's dark modules, row by row. */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, col) => qr.isDark(r, col)));
}

/** Minimal 2D context both H5's canvas and weapp's offscreen canvas provide. */
interface Ctx {
  fillStyle: string;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  measureText(text: string): { width: number };
  strokeStyle: string;
  lineWidth: number;
}

function measureWith(ctx: Ctx): Measure {
  return (text, font) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

/** The credentials card, drawn large and plain: what someone would copy onto paper, and a QR code back to the case. */
function draw(ctx: Ctx, layout: CredentialLayout) {
  const { border, qrModule } = CREDENTIAL_IMAGE;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.strokeStyle = '#0b57b0';
  ctx.lineWidth = border;
  ctx.strokeRect(12, 12, layout.width - 24, layout.height - 24);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  for (const line of layout.lines) {
    ctx.font = line.font;
    ctx.fillStyle = line.color;
    ctx.fillText(line.text, line.x, line.y);
  }
  ctx.fillStyle = '#000000';
  const modules = qrModules(layout.qr.text);
  const origin = { x: layout.qr.x + 4 * qrModule, y: layout.qr.y + 4 * qrModule };
  modules.forEach((row, r) =>
    row.forEach((dark, col) => {
      if (dark) ctx.fillRect(origin.x + col * qrModule, origin.y + r * qrModule, qrModule, qrModule);
    }),
  );
}

/** Lay out with the canvas's own measureText: a scratch context first, as the height depends on it. */
function layoutOn(ctx: Ctx, c: RememberedCase): CredentialLayout {
  return credentialLayout(c, currentSite(), measureWith(ctx));
}

/** H5: the picture as a PNG data URL (what the download button saves). */
export function credentialImageDataUrl(c: RememberedCase): string {
  const canvas = document.createElement('canvas');
  const scratch = canvas.getContext('2d');
  if (!scratch) throw new Error('canvas unavailable');
  const layout = layoutOn(scratch as unknown as Ctx, c);
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d')!;
  draw(ctx as unknown as Ctx, layout);
  return canvas.toDataURL('image/png');
}

/**
 * Save the credentials as a picture: to the photo album on weapp, as a PNG download on H5.
 * Resolves with a message to show the citizen.
 */
export async function saveCredentialImage(c: RememberedCase): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = credentialImageDataUrl(c);
    link.download = `民声-案件${c.caseNo}.png`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return '图片已下载，请在“下载”文件夹中查看';
  }
  const { width } = CREDENTIAL_IMAGE;
  const scratch = Taro.createOffscreenCanvas({ type: '2d', width, height: 100 }) as unknown as { getContext(kind: '2d'): Ctx };
  const layout = layoutOn(scratch.getContext('2d'), c);
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width, height: layout.height }) as unknown as { getContext(kind: '2d'): Ctx };
  draw(canvas.getContext('2d'), layout);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option);
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
  return '已保存到手机相册';
}

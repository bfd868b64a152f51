import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CitizenAttachmentDto } from '@minsheng/shared';
import { Btn, Notice } from '../../../components/ui';
import { keyboardTappable, role } from '../../../lib/a11y';
import { IS_WEAPP } from '../../../lib/env';

export interface ThumbImage {
  thumb: string;
  full: string;
}

/** Thumbnails that open full size: weapp previewImage; H5 a full-screen view with 关闭. */
export function Thumbs({ images, what }: { images: ThumbImage[]; what: string }) {
  const [open, setOpen] = useState<number>();
  const show = (i: number) => {
    if (IS_WEAPP) void Taro.previewImage({ urls: images.map((x) => x.full), current: images[i]!.full }).catch(() => undefined);
    else setOpen(i);
  };
  return (
    <View>
      <View className='thumbs' {...role('list')} aria-label={what}>
        {images.map((img, i) => (
          <View key={`${img.thumb}-${i}`} {...role('listitem')}>
            <View className='thumbs__item' onClick={() => show(i)} {...role('button')} {...keyboardTappable(() => show(i))} aria-label={`查看${what}第 ${i + 1} 张（大图）`}>
              <Image className='thumbs__img' src={img.thumb} mode='aspectFill' nativeProps={{ alt: '' }} />
            </View>
          </View>
        ))}
      </View>
      {open !== undefined && images[open] ? (
        <View className='viewer' {...role('dialog')} aria-modal='true' aria-label={`${what}第 ${open + 1} 张，共 ${images.length} 张`}>
          <Image className='viewer__img' src={images[open]!.full} mode='aspectFit' nativeProps={{ alt: `${what}第 ${open + 1} 张` }} />
          <View className='viewer__bar'>
            {images.length > 1 ? (
              <Btn className='viewer__next' onClick={() => setOpen((open + 1) % images.length)}>
                下一张
              </Btn>
            ) : null}
            <Btn kind='primary' className='viewer__close' onClick={() => setOpen(undefined)}>
              关闭大图
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  );
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A PDF: H5 a link (the server's link downloads it); weapp downloadFile + openDocument. */
function FileRow({ file }: { file: CitizenAttachmentDto }) {
  const [error, setError] = useState<string>();
  const text = `${file.fileName}（PDF，${sizeText(file.bytes)}）`;
  if (!IS_WEAPP) {
    return (
      <a className='filerow attachments__pdf' href={file.url} target='_blank' rel='noopener noreferrer' download={file.fileName}>
        打开文件 {text}
      </a>
    );
  }
  const openIt = async () => {
    setError(undefined);
    try {
      const res = await Taro.downloadFile({ url: file.url });
      await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
    } catch {
      setError('文件没有打开，请下拉刷新后重试');
    }
  };
  return (
    <View>
      <Btn className='attachments__pdf' onClick={() => void openIt()}>
        打开文件 {text}
      </Btn>
      {error ? <Notice kind='error'>{error}</Notice> : null}
    </View>
  );
}

/** A group of a case's files: photos as thumbnails, PDFs as file rows. */
export function AttachmentGroup({ files, what }: { files: CitizenAttachmentDto[]; what: string }) {
  const images = files.filter((f) => f.kind === 'image').map((f) => ({ thumb: f.thumbUrl ?? f.url, full: f.url }));
  const pdfs = files.filter((f) => f.kind === 'pdf');
  return (
    <View className='attachments__group'>
      <Text className='attachments__what'>{what}</Text>
      {images.length ? <Thumbs images={images} what={`${what}的照片`} /> : null}
      {pdfs.map((f) => (
        <FileRow key={f.id} file={f} />
      ))}
    </View>
  );
}

import { useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { ATTACHMENTS_PER_SUBMISSION_MAX } from '@minsheng/shared';
import { Btn, Notice } from '../../../components/ui';
import { role } from '../../../lib/a11y';
import { IS_WEAPP } from '../../../lib/env';
import { filesFromInputH5, pickImagesWeapp, pickPdfWeapp } from '../pick-files';
import { canRetry, room, type LocalFile, type UploadItem } from '../uploads';

interface PickerProps {
  items: UploadItem[];
  allowPdf: boolean;
  onAdd: (picked: { file: LocalFile; preview?: string }[]) => number;
  onRetry: (localId: string) => void;
  onRemove: (localId: string) => void;
  /** Heading-like label, e.g. 添加照片. */
  title: string;
  className?: string;
}

function rowLabel(item: UploadItem, n: number): string {
  return item.kind === 'pdf' ? `第 ${n} 个文件${item.name ? ` ${item.name}` : ''}` : `第 ${n} 张照片`;
}

/** One file being added: its thumbnail, 上传中 with progress, 已上传, or 失败 with 重试 and 移除. */
function UploadRow({ item, n, allowPdf, onRetry, onRemove }: { item: UploadItem; n: number; allowPdf: boolean; onRetry: () => void; onRemove: () => void }) {
  const what = rowLabel(item, n);
  return (
    <View className={`upload upload--${item.status}`} {...role('listitem')}>
      <View className='upload__thumb'>
        {item.kind === 'image' && item.preview ? (
          <Image className='upload__img' src={item.preview} mode='aspectFill' nativeProps={{ alt: what }} />
        ) : (
          <Text className='upload__file'>{item.kind === 'pdf' ? 'PDF' : '照片'}</Text>
        )}
      </View>
      <View className='upload__body'>
        <Text className='upload__name'>{item.kind === 'pdf' && item.name ? item.name : what}</Text>
        {item.status === 'uploading' ? (
          <View>
            <Text className='upload__state'>上传中 {item.progress}%</Text>
            <View className='upload__bar' {...role('progressbar')} aria-label={`${what}上传进度`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={item.progress}>
              <View className='upload__bar-fill' style={{ width: `${item.progress}%` }} />
            </View>
          </View>
        ) : item.status === 'done' ? (
          <Text className='upload__state upload__state--done'>已上传</Text>
        ) : (
          <Text className='upload__state upload__state--failed' {...role('alert')}>
            失败：{item.error ?? '上传没有成功'}
          </Text>
        )}
        {item.status !== 'uploading' ? (
          <View className='upload__actions'>
            {canRetry(item, allowPdf) ? (
              <Btn className='upload__retry' label={`重试${what}`} onClick={onRetry}>
                重试
              </Btn>
            ) : null}
            <Btn kind='plain' className='upload__remove' label={`移除${what}`} onClick={onRemove}>
              移除
            </Btn>
          </View>
        ) : null}
      </View>
    </View>
  );
}

/**
 * 添加照片 (and, for 补充材料, PDF): weapp chooseMedia (album or camera) and chooseMessageFile for PDF;
 * H5 file inputs, one opening the camera (capture), one the album/files. Each file uploads at once.
 */
export function AttachmentPicker({ items, allowPdf, onAdd, onRetry, onRemove, title, className }: PickerProps) {
  const [note, setNote] = useState<string>();
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const left = room(items);
  const noun = allowPdf ? '照片或 PDF 文件' : '照片';

  const added = (picked: { file: LocalFile; preview?: string }[]) => {
    const dropped = onAdd(picked);
    setNote(dropped > 0 ? `最多添加 ${ATTACHMENTS_PER_SUBMISSION_MAX} 个，有 ${dropped} 个没有添加。` : undefined);
  };

  const pickWeapp = async (pdf: boolean) => {
    try {
      added(pdf ? await pickPdfWeapp(left) : await pickImagesWeapp(left));
    } catch {
      // Cancelled, or not allowed: nothing added.
    }
  };

  const onInput = async (event: { target: EventTarget | null }) => {
    const input = event.target as HTMLInputElement;
    const picked = await filesFromInputH5(input.files);
    input.value = '';
    added(picked);
  };

  return (
    <View className={`evidence${className ? ` ${className}` : ''}`}>
      <Text className='field__label'>
        {title}
        <Text className='field__optional'>（选填）</Text>
      </Text>
      <Text className='field__hint'>
        最多 {ATTACHMENTS_PER_SUBMISSION_MAX} 个{noun}，每个不超过 10 MB。照片中的位置、拍摄设备等信息会在上传后自动去除。
        {IS_WEAPP && allowPdf ? 'PDF 文件请从微信聊天记录中选择。' : ''}
      </Text>
      {items.length ? (
        <View className='evidence__list' {...role('list')} aria-label={`已添加的${noun}`}>
          {items.map((item, i) => (
            <UploadRow key={item.localId} item={item} n={i + 1} allowPdf={allowPdf} onRetry={() => onRetry(item.localId)} onRemove={() => onRemove(item.localId)} />
          ))}
        </View>
      ) : null}
      {note ? <Notice kind='info'>{note}</Notice> : null}
      {left > 0 ? (
        IS_WEAPP ? (
          <View className='evidence__buttons'>
            <Btn className='evidence__add' onClick={() => void pickWeapp(false)}>
              添加照片（还可添加 {left} 个）
            </Btn>
            {allowPdf ? (
              <Btn className='evidence__add-pdf' onClick={() => void pickWeapp(true)}>
                从聊天记录选择 PDF
              </Btn>
            ) : null}
          </View>
        ) : (
          <View className='evidence__buttons'>
            <Btn className='evidence__camera' onClick={() => camera.current?.click()}>
              拍照
            </Btn>
            <Btn className='evidence__album' onClick={() => album.current?.click()}>
              {allowPdf ? '从相册或文件中选择' : '从相册选择'}（还可添加 {left} 个）
            </Btn>
            <input ref={camera} className='evidence__input-camera' type='file' accept='image/*' capture='environment' aria-hidden='true' tabIndex={-1} style={{ display: 'none' }} onChange={(e) => void onInput(e)} />
            <input
              ref={album}
              className='evidence__input-album'
              type='file'
              accept={allowPdf ? 'image/*,application/pdf' : 'image/*'}
              multiple
              aria-hidden='true'
              tabIndex={-1}
              style={{ display: 'none' }}
              onChange={(e) => void onInput(e)}
            />
          </View>
        )
      ) : (
        <Text className='muted'>已添加 {ATTACHMENTS_PER_SUBMISSION_MAX} 个，不能再添加了。</Text>
      )}
    </View>
  );
}

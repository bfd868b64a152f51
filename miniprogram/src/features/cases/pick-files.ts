import Taro from '@tarojs/taro';
import { contentTypeOf, type LocalFile } from './uploads';

/** weapp: photos from the album or the camera (WeChat asks which), compressed. */
export async function pickImagesWeapp(count: number): Promise<{ file: LocalFile; preview: string }[]> {
  const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return res.tempFiles.map((f) => ({
    file: { path: f.tempFilePath, size: f.size, contentType: contentTypeOf(undefined, f.tempFilePath) },
    preview: f.thumbTempFilePath || f.tempFilePath,
  }));
}

/** weapp: PDF files from a chat (WeChat has no other file picker). */
export async function pickPdfWeapp(count: number): Promise<{ file: LocalFile; preview?: string }[]> {
  const res = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf'] });
  return res.tempFiles.map((f) => ({ file: { path: f.path, size: f.size, name: f.name, contentType: contentTypeOf(undefined, f.name || f.path) } }));
}

/** H5: the files of an <input type=file>, each with a small thumbnail (a data: URL, so a draft can keep it). */
export async function filesFromInputH5(list: FileList | null): Promise<{ file: LocalFile; preview?: string }[]> {
  const files = list ? Array.from(list) : [];
  return Promise.all(
    files.map(async (f) => {
      const file: LocalFile = { path: '', file: f, size: f.size, name: f.name, contentType: contentTypeOf(f.type, f.name) };
      const preview = file.contentType.startsWith('image/') ? await thumbnailH5(f) : undefined;
      return preview ? { file, preview } : { file };
    }),
  );
}

async function thumbnailH5(file: Blob): Promise<string | undefined> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 240 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return canvas.toDataURL('image/jpeg', 0.7);
  } catch {
    // A type the browser cannot draw (HEIC): no thumbnail; the server says what it thinks of it.
    return undefined;
  }
}

import sharp from 'sharp';
import { UnreadableImage, type ImageSanitiser } from '../../ports/sanitiser';

let configured = false;
function configure() {
  if (configured) return;
  // No cache of decoded images between requests (each photo is seen once); libvips' own threads do the work.
  sharp.cache(false);
  configured = true;
}

/** Phone photos up to 50 MP decode; a decompression bomb (a tiny file of huge dimensions) is refused. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * sharp re-encodes: the output carries none of the input's metadata (EXIF with GPS, device and
 * time, XMP, IPTC, ICC, embedded thumbnails) because `withMetadata`/`keepExif` is never asked for;
 * `.rotate()` first applies the EXIF orientation to the pixels, so the photo stays upright.
 */
export const sharpSanitiser: ImageSanitiser = {
  async sanitise(input, { maxSide, thumbSide }) {
    configure();
    let upright: ReturnType<typeof sharp>;
    try {
      upright = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false }).rotate();
      const full = await upright
        .clone()
        .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 85, mozjpeg: false })
        .toBuffer({ resolveWithObject: true });
      const thumb = await sharp(full.data).resize({ width: thumbSide, height: thumbSide, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
      return { full: full.data, thumb, width: full.info.width, height: full.info.height };
    } catch (error) {
      throw new UnreadableImage((error as Error).message);
    }
  },
};

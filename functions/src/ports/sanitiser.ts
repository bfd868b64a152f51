/** Re-encodes an image so that nothing of the original file survives but its pixels. */
export interface ImageSanitiser {
  /**
   * The image upright (EXIF orientation applied), at most `maxSide` px, as a JPEG with no metadata
   * at all (no EXIF/GPS/device, no XMP, no ICC profile, no embedded thumbnail), and its thumbnail.
   * Throws UnreadableImage when the bytes do not decode.
   */
  sanitise(input: Buffer, options: { maxSide: number; thumbSide: number }): Promise<SanitisedImage>;
}

export interface SanitisedImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

export class UnreadableImage extends Error {
  override readonly name = 'UnreadableImage';
}

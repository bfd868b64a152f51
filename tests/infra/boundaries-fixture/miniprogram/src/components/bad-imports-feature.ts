// Breaks miniprogram-shared-code-not-to-features: a component imports a feature.
import { fileForm } from '../features/a/file-form';

export const form = fileForm;

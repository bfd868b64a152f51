// Allowed in pages: features, components, lib.
import { field } from '../../components/field';
import { fileForm } from '../../features/a/file-form';
import { trackSteps } from '../../features/b/bad-imports-feature-a';

export const indexPage = { field, fileForm, trackSteps };

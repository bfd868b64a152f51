// Breaks app-not-to-entry-points: the composition root imports an HTTP handler.
import { handler } from '../http/file-case';

export const routes = [handler];

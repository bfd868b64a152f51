// Allowed in a feature: its own files, components, lib.
import { field } from '../../components/field';
import { request } from '../../lib/request';
import { steps } from './steps';

export const fileForm = { field, request, steps };

import type {
  CategoryDto,
  FileCaseRequest,
  FileCaseResponse,
  ListResponse,
  RatingRequest,
  SupplementRequest,
  TrackedCaseDto,
  TrackLoginRequest,
  TrackLoginResponse,
} from '@minsheng/shared';
import { ApiError, apiRequest } from '../../lib/request';
import type { PublicStats } from './types';

/** `GET /api/categories` */
export function listCategories(): Promise<ListResponse<CategoryDto>> {
  return apiRequest('/api/categories');
}

/** `POST /api/cases`: the same key on a retry returns the same case, never a second one. */
export function fileCase(body: FileCaseRequest, idempotencyKey: string): Promise<FileCaseResponse> {
  return apiRequest('/api/cases', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

/** `POST /api/track/login` */
export function trackLogin(body: TrackLoginRequest): Promise<TrackLoginResponse> {
  return apiRequest('/api/track/login', { method: 'POST', body });
}

/** `GET /api/track/case` */
export function getTrackedCase(token: string): Promise<TrackedCaseDto> {
  return apiRequest('/api/track/case', { token });
}

/** `POST /api/track/case/supplements` */
export function addSupplement(token: string, body: SupplementRequest): Promise<unknown> {
  return apiRequest('/api/track/case/supplements', { method: 'POST', body, token });
}

/** `POST /api/track/case/publish-consent`: give or withdraw consent to publishing the answer (consultations). */
export function setPublishConsent(token: string, consent: boolean): Promise<TrackedCaseDto> {
  return apiRequest('/api/track/case/publish-consent', { method: 'POST', body: { consent }, token });
}

/** `POST /api/track/case/rating` */
export function rateCase(token: string, body: RatingRequest): Promise<unknown> {
  return apiRequest('/api/track/case/rating', { method: 'POST', body, token });
}

/** `GET /api/stats/public`, or undefined when the platform does not publish totals (404) or cannot now. */
export async function getPublicStats(): Promise<PublicStats | undefined> {
  try {
    return await apiRequest<PublicStats>('/api/stats/public');
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}

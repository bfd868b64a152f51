import * as z from 'zod/mini';
import { text } from './text';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): the limits this endpoint enforces and the
 * admins' partner routes. The GeoReport routes themselves answer in the spec's own shapes (JSON and
 * XML) and errors (`[{ code, description }]`), built in functions/src/services/open311/.
 */
export const OPEN311_LIMITS = {
  /** GET requests: the window of requested_datetime (the spec: "may not span more than 90 days"; the default is the most recent 90). */
  windowDays: 90,
  /** GET requests: at most this many requests in one answer (the spec's "first 1000 requests"). */
  maxResults: 1000,
  /** GET requests: at most this many index entries are read for one answer (filters by service_code/status run on them). */
  maxRead: 5000,
  /** GET requests with service_request_id: at most this many ids. */
  maxIds: 50,
  /** POST requests: description (the spec's 4,000 characters). */
  descriptionMax: 4000,
  addressMax: 200,
  mediaUrlMax: 500,
  /** POST requests: the form body in bytes. */
  bodyBytesMax: 16 * 1024,
} as const;

/** `POST /api/console/admin/open311-partners` body. */
export const open311PartnerInputSchema = z.strictObject({
  name: text('合作方名称', 60),
});
export type Open311PartnerInput = z.infer<typeof open311PartnerInputSchema>;

/** A partner as admins see it: never its api_key (shown once, when issued) nor the key's hash. */
export interface Open311PartnerDto {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: string;
  createdBy: string;
  disabledAt?: string;
}

/** `POST /api/console/admin/open311-partners` answer: the partner and its api_key, this once. */
export interface Open311PartnerIssued {
  partner: Open311PartnerDto;
  apiKey: string;
}

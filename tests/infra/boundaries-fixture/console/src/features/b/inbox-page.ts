import { formatDate } from '../../lib/format';

export const inboxPage = { formatDate };

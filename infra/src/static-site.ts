/**
 * A small static server for a built single-page app (the H5 mini-program, the officials'
 * console): files from `root`, index.html for the app's own routes, and /api/* proxied to the
 * local API — the apps call a relative '/api', so one build works on any host and port.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticSite {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StaticSiteOptions {
  root: string;
  apiUrl: string;
  /** 0 or absent: any free port. */
  port?: number;
  host?: string;
  /** The host name the printed URL uses (defaults to the host; 0.0.0.0 prints as localhost). */
  urlHost?: string;
  /** Extra headers on every file answer (e.g. the console's Content-Security-Policy). */
  headers?: Record<string, string>;
}

function proxy(req: IncomingMessage, res: ServerResponse, api: URL) {
  const upstream = httpRequest(
    { hostname: api.hostname, port: api.port, method: req.method, path: req.url, headers: { ...req.headers, host: api.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }));
  });
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
}

/**
 * Serve `root` and proxy /api/*. A missing file with an extension is a 404 (an asset of an older
 * build — never the app's HTML under a .js name); any other path is one of the app's routes and
 * gets index.html. Hashed assets are cached for a year; index.html never, so a rebuild shows at once.
 */
export async function serveStaticSite(options: StaticSiteOptions): Promise<StaticSite> {
  const root = resolve(options.root);
  const api = new URL(options.apiUrl);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return proxy(req, res, api);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let path = normalize(join(root, pathname));
    if (!path.startsWith(root + sep) && path !== root) {
      res.writeHead(403).end();
      return;
    }
    // Browsers (and bookmarks, and old crawlers) ask for /favicon.ico whatever the page links: the site's SVG icon answers it.
    if (pathname === '/favicon.ico' && !existsSync(path) && existsSync(join(root, 'favicon.svg'))) path = join(root, 'favicon.svg');
    if (!(existsSync(path) && statSync(path).isFile())) {
      if (extname(pathname) !== '' && extname(pathname) !== '.html') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      path = join(root, 'index.html');
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      // Hashed assets forever; index.html never; the icon (a fixed name) for a day.
      'Cache-Control': path.endsWith('index.html') ? 'no-store' : path.endsWith('favicon.svg') ? 'public, max-age=86400' : 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      ...options.headers,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(path)
      .on('error', () => res.end('<!doctype html><meta charset="utf-8"><p>正在更新，请稍后刷新页面。</p>'))
      .pipe(res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = options.urlHost ?? (host === '0.0.0.0' ? 'localhost' : host);
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

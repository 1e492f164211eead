// Stands in for Backstage's proxy backend in the browser test: forwards
// /api/proxy/test-health/* to the collector, as `proxy.endpoints./test-health` does.
import http from 'node:http';

export function startProxy({ port, target }) {
  const server = http.createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'GET,PUT,DELETE,OPTIONS',
      'access-control-allow-headers': 'content-type,authorization',
      'access-control-allow-credentials': 'true',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const prefix = '/api/proxy/test-health';
    if (!req.url.startsWith(prefix)) {
      res.writeHead(404, { ...cors, 'content-type': 'text/plain' });
      res.end('no such proxy endpoint');
      return;
    }
    const url = new URL(req.url.slice(prefix.length) || '/', target);
    const upstream = http.request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      up => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, ...cors });
        up.pipe(res);
      },
    );
    upstream.on('error', e => {
      res.writeHead(502, { ...cors, 'content-type': 'text/plain' });
      res.end(String(e));
    });
    req.pipe(upstream);
  });
  return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(server)));
}

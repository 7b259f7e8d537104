// The 404 nova answers for a URL or method no route matches: webob's HTTPNotFound, whose body
// follows the Accept header (WSGIHTTPException.generate_response offers text/html, then
// application/json; nothing acceptable = text/plain; a missing header accepts nothing, an
// unparseable one accepts everything).
const EXPLANATION = 'The resource could not be found.';

const HTML = `<html>
 <head>
  <title>404 Not Found</title>
 </head>
 <body>
  <h1>404 Not Found</h1>
  ${EXPLANATION}<br /><br />



 </body>
</html>`;
// json.dumps of webob's json_formatter (Python separators)
const JSON_BODY = `{"message": "${EXPLANATION}<br /><br />\\n\\n\\n", "code": "404 Not Found", "title": "Not Found"}`;
const PLAIN = `404 Not Found\n\n${EXPLANATION}\n\n   `;

const OFFERS = ['text/html', 'application/json'] as const;
type Offer = (typeof OFFERS)[number];

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const RANGE = new RegExp(`^(${TOKEN})/(${TOKEN})$`);

interface Range { type: string; subtype: string; q: number; params: string[] }

/** Accept ranges, or null when the header does not parse (webob's AcceptInvalidHeader). */
function parseAccept(header: string): Range[] | null {
  const out: Range[] = [];
  for (const item of header.split(',')) {
    if (item.trim() === '') continue;
    const [media, ...rawParams] = item.split(';').map((s) => s.trim());
    const m = RANGE.exec(media ?? '');
    if (!m) return null;
    let q = 1;
    const params: string[] = [];
    for (const p of rawParams) {
      const kv = /^([^=\s]+)\s*=\s*(.+)$/.exec(p);
      if (!kv) return null;
      if (kv[1]!.toLowerCase() === 'q') {
        if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(kv[2]!)) return null;
        q = Number(kv[2]);
      } else {
        params.push(`${kv[1]!.toLowerCase()}=${kv[2]!.toLowerCase()}`);
      }
    }
    out.push({ type: m[1]!.toLowerCase(), subtype: m[2]!.toLowerCase(), q, params });
  }
  return out;
}

/** AcceptValidHeader.acceptable_offers: the most specific matching range gives an offer its q. */
function bestOffer(header: string | undefined): Offer | null {
  const ranges = parseAccept(header ?? '');
  if (ranges === null) return OFFERS[0];
  const scored: { offer: Offer; q: number; index: number }[] = [];
  OFFERS.forEach((offer, index) => {
    const [type, subtype] = offer.split('/') as [string, string];
    let best: { q: number; specificity: number } | null = null;
    for (const r of ranges) {
      let specificity: number;
      if (r.type === type && r.subtype === subtype) specificity = r.params.length === 0 ? 3 : 0;
      else if (r.subtype === '*' && r.type === type) specificity = 2;
      else if (r.type === '*' && r.subtype === '*') specificity = 1;
      else continue;
      if (specificity === 0) continue;
      if (best && specificity <= best.specificity) continue;
      best = { q: r.q, specificity };
    }
    if (best && best.q > 0) scored.push({ offer, q: best.q, index });
  });
  scored.sort((a, b) => b.q - a.q || a.index - b.index);
  return scored[0]?.offer ?? null;
}

export function notFoundPage(accept: string | undefined): { contentType: string; body: string } {
  const offer = bestOffer(accept);
  if (offer === 'text/html') return { contentType: 'text/html; charset=UTF-8', body: HTML };
  if (offer === 'application/json') return { contentType: 'application/json', body: JSON_BODY };
  return { contentType: 'text/plain; charset=UTF-8', body: PLAIN };
}

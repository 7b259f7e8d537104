// Nova's links: self = <endpoint>/v2.1/<collection>/<id> (/v2/ on the legacy API), bookmark = <endpoint>/<collection>/<id>
// (views/builder ViewBuilder._get_links; no project id in URLs). The endpoint is the request's
// scheme and Host plus the mount prefix (/compute on the one-port layout, '' standalone).
export interface Link {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
}

export interface Links {
  /** e.g. http://host/compute */
  readonly endpoint: string;
  /** The API root the request came through: <endpoint>/v2.1, or <endpoint>/v2 for the legacy API. */
  readonly versioned: string;
  self(collection: string, id: string | number): string;
  bookmark(collection: string, id: string | number): string;
  /** [self, bookmark] */
  pair(collection: string, id: string | number): Link[];
  /** An image link points at the image service's bookmark (glance href in nova). */
  imageBookmark(imageId: string): string;
}

export function createLinks(endpoint: string, apiVersion: 'v2.1' | 'v2' = 'v2.1'): Links {
  const versioned = `${endpoint}/${apiVersion}`;
  const self = (c: string, id: string | number) => `${versioned}/${c}/${id}`;
  const bookmark = (c: string, id: string | number) => `${endpoint}/${c}/${id}`;
  return {
    endpoint,
    versioned,
    self,
    bookmark,
    pair: (c, id) => [{ rel: 'self', href: self(c, id) }, { rel: 'bookmark', href: bookmark(c, id) }],
    imageBookmark: (imageId) => `${endpoint}/images/${imageId}`,
  };
}

// Ids in request bodies may be given as links (imageRef, flavorRef, a server group href).
/** common.get_id_from_href: the last path segment of a link, or the value itself. */
export function idFromHref(ref: string | number): string {
  const text = String(ref);
  const path = text.split('?')[0]!.replace(/\/+$/, '');
  return path.includes('/') ? path.slice(path.lastIndexOf('/') + 1) : text;
}

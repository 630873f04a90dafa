// Readable one-line descriptions of what an inbound message carried, for the timeline, the export
// and the lead e-mail: the place of a location, the names and phones of shared contacts, the items
// of an order, the emoji of a reaction. Lenient: a field of the wrong shape is left out, never fatal.

type Obj = Record<string, unknown>;

const SUMMARY_MAX = 500;
const CAPTION_MAX = 80;

function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null;
}

function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.map(obj).filter((o): o is Obj => o !== null) : [];
}

/** Cut at a code point, never inside an emoji. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** `[location] Dubai Marina, Marina Walk (25.08, 55.14)`, `[contacts] Ana Test +1 555…`, `[order] 2 × sku-1 (10 USD)` … */
export function describeMessageContent(message: Obj & { type: string }): string {
  const type = message.type;
  // A contacts message's `contacts` is an array of people, not an object.
  if (type === 'contacts')
    return cut(withDetail('[contacts]', describeSharedContacts(message['contacts'])), SUMMARY_MAX);
  return cut(describePart(type, obj(message[type])), SUMMARY_MAX);
}

function describePart(type: string, part: Obj | null): string {
  switch (type) {
    case 'location':
      return withDetail('[location]', part ? describeLocation(part) : null);
    case 'order':
      return withDetail('[order]', part ? describeOrder(part) : null);
    case 'reaction': {
      const emoji = str(part?.['emoji']);
      return emoji === null ? '[reaction removed]' : `[reaction] ${emoji}`;
    }
    case 'system':
      return withDetail('[system]', str(part?.['body']) ?? str(part?.['type']));
    case 'unsupported':
    case 'unknown':
      return withDetail(`[${type}]`, str(part?.['type']));
    case 'image':
    case 'video':
    case 'document': {
      const caption = str(part?.['caption']);
      const file = type === 'document' ? str(part?.['filename']) : null;
      return withDetail(
        `[${type}]`,
        [file, caption === null ? null : cut(caption, CAPTION_MAX)].filter(Boolean).join(' — ') || null,
      );
    }
    case 'audio':
      return part?.['voice'] === true ? '[voice note]' : '[audio]';
    case 'sticker':
      return part?.['animated'] === true ? '[sticker, animated]' : '[sticker]';
    default:
      return `[${type}]`;
  }
}

function withDetail(tag: string, detail: string | null): string {
  return detail === null || detail === '' ? tag : `${tag} ${detail}`;
}

function describeLocation(part: Obj): string | null {
  const place = [str(part['name']), str(part['address'])].filter(Boolean).join(', ');
  const lat = str(part['latitude']);
  const lng = str(part['longitude']);
  const at = lat !== null && lng !== null ? `(${lat}, ${lng})` : null;
  return [place || null, at].filter(Boolean).join(' ') || null;
}

export function describeSharedContacts(contacts: unknown): string | null {
  const people = list(contacts).map((c) => {
    const name = str(obj(c['name'])?.['formatted_name']) ?? str(obj(c['name'])?.['first_name']);
    const phones = list(c['phones'])
      .map((p) => str(p['phone']) ?? str(p['wa_id']))
      .filter((p): p is string => p !== null);
    const emails = list(c['emails'])
      .map((e) => str(e['email']))
      .filter((e): e is string => e !== null);
    return [name, ...phones, ...emails].filter(Boolean).join(' ');
  });
  return people.filter(Boolean).join('; ') || null;
}

function describeOrder(part: Obj): string | null {
  const items = list(part['product_items']).map((i) => {
    const qty = str(i['quantity']) ?? '1';
    const sku = str(i['product_retailer_id']) ?? '?';
    const price = str(i['item_price']);
    const currency = str(i['currency']);
    return `${qty} × ${sku}${price !== null ? ` (${price}${currency !== null ? ` ${currency}` : ''})` : ''}`;
  });
  const note = str(part['text']);
  return (
    [items.join(', ') || null, note === null ? null : `“${cut(note, CAPTION_MAX)}”`].filter(Boolean).join(' ') || null
  );
}

/**
 * What surrounds the message rather than what it says: the message it quotes, a forward, the
 * catalogue product it asks about, the Click-to-WhatsApp ad it came from. Null when none.
 */
export function describeMessageContext(message: Obj): string | null {
  const parts: string[] = [];
  const context = obj(message['context']);
  if (context) {
    const quoted = str(context['id']);
    if (quoted !== null) parts.push(`reply to ${quoted}`);
    if (context['frequently_forwarded'] === true) parts.push('forwarded many times');
    else if (context['forwarded'] === true) parts.push('forwarded');
    const product = obj(context['referred_product']);
    const sku = str(product?.['product_retailer_id']);
    if (sku !== null)
      parts.push(
        `about product ${sku}${str(product?.['catalog_id']) ? ` (catalogue ${str(product?.['catalog_id'])})` : ''}`,
      );
  }
  const referral = obj(message['referral']);
  if (referral) parts.push(`from ${adSource(referral)}`);
  return parts.length === 0 ? null : cut(parts.join(' · '), SUMMARY_MAX);
}

/** "ad Golden visa in 90 days" — the lead's source when it came from a Click-to-WhatsApp ad. */
export function adSource(referral: Obj): string {
  const kind = str(referral['source_type']) ?? 'ad';
  const label = str(referral['headline']) ?? str(referral['source_id']) ?? str(referral['source_url']) ?? '';
  return cut(`${kind} ${label}`.trim(), 200);
}

// What the form needs to know of a JSON Schema node: its kind of widget,
// its fields in order, whether it may be left out. The schemas are the
// ones `kirje` itself writes from its Rust types (schema/*.json), so the
// form and the loader accept the same files.

/** Shapes of the `$defs` the form draws with a widget of its own. */
const OWN = {
  Text: 'text',
  Day: 'day',
  Moment: 'moment',
  End: 'end',
  Image: 'image',
  Color: 'color',
  Money: 'loose',
  Share: 'loose',
};

/**
 * The shape of `node` in `root`: { kind, def, nullable, props, required,
 * items, options, description }. `kind` is one of text, day, moment, end,
 * image, color, loose (a number or a text such as "800 000 €"), string,
 * integer, number, boolean, enum, object, array or other.
 */
export function shape(node, root, def = '') {
  if (!node) return { kind: 'other', def };
  if (node.$ref) {
    const name = node.$ref.split('/').pop();
    const target = root.$defs?.[name];
    const s = shape(target, root, name);
    if (node.description) s.description = node.description;
    if ('default' in node) s.default = node.default;
    return s;
  }
  const description = node.description || '';
  if (def && OWN[def] && OWN[def] !== 'image') return { kind: OWN[def], def, description };
  const alts = node.anyOf || node.oneOf;
  if (alts) {
    const rest = alts.filter((a) => a.type !== 'null');
    if (rest.length === 1 && rest.length < alts.length) {
      const s = shape(rest[0], root, def);
      return { ...s, nullable: true, description: description || s.description };
    }
    if (alts.every((a) => a.const !== undefined)) {
      return { kind: 'enum', def, description, options: alts.map((a) => a.const) };
    }
    return { kind: 'other', def, description };
  }
  let type = node.type;
  let nullable = false;
  if (Array.isArray(type)) {
    nullable = type.includes('null');
    type = type.find((t) => t !== 'null');
  }
  if (node.enum) return { kind: 'enum', def, description, nullable, options: node.enum };
  if (type === 'object') {
    if (def === 'Image') {
      return { kind: 'image', def, description, nullable, props: node.properties, required: node.required || [] };
    }
    if (!node.properties) return { kind: 'other', def, description };
    return { kind: 'object', def, description, nullable, props: node.properties, required: node.required || [] };
  }
  if (type === 'array') return { kind: 'array', def, description, nullable, items: node.items };
  if (type === 'string') return { kind: 'string', def, description, nullable, format: node.format };
  if (type === 'integer') return { kind: 'integer', def, description, nullable, min: node.minimum };
  if (type === 'number') return { kind: 'number', def, description, nullable };
  if (type === 'boolean') return { kind: 'boolean', def, description, nullable, default: node.default };
  return { kind: 'other', def, description };
}

/** The shape of the field `key` of an object shape. */
export function field(objectShape, key, root) {
  const s = shape(objectShape.props[key], root);
  s.optional = !(objectShape.required || []).includes(key);
  return s;
}

/**
 * Whether `value` (plain JS, as read from the file) fits `s`; the first
 * path where it does not, or null. The form draws only files that fit.
 */
export function misfit(value, s, root, path = []) {
  if (value === null || value === undefined) return null;
  const bad = () => path;
  switch (s.kind) {
    case 'text':
      if (typeof value === 'string') return null;
      if (typeof value !== 'object' || Array.isArray(value)) return bad();
      for (const [k, v] of Object.entries(value)) {
        if (!['fi', 'sv', 'en'].includes(k) || typeof v !== 'string') return [...path, k];
      }
      return null;
    case 'day':
    case 'moment':
    case 'end':
    case 'color':
    case 'string':
      return typeof value === 'string' ? null : bad();
    case 'loose':
      return typeof value === 'string' || typeof value === 'number' ? null : bad();
    case 'integer':
      return Number.isInteger(value) ? null : bad();
    case 'number':
      return typeof value === 'number' ? null : bad();
    case 'boolean':
      return typeof value === 'boolean' ? null : bad();
    case 'enum':
      return s.options.includes(value) ? null : bad();
    case 'array': {
      if (!Array.isArray(value)) return bad();
      const item = shape(s.items, root);
      for (let i = 0; i < value.length; i++) {
        const m = misfit(value[i], item, root, [...path, i]);
        if (m) return m;
      }
      return null;
    }
    case 'image':
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return bad();
      for (const [k, v] of Object.entries(value)) {
        if (!s.props[k]) return [...path, k];
        const m = misfit(v, field(s, k, root), root, [...path, k]);
        if (m) return m;
      }
      return null;
    }
    default:
      return null;
  }
}

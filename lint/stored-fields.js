// The store owns its rows (issue 17): rows are stored with one-letter keys and integer codes
// (src/store/schema.ts), and only src/store/ encodes and decodes them. This rule, run by
// `npm run lint:code` on every file outside src/store/, reports any read or write of such a
// key: a property whose declaration is in src/store/ and whose name is one letter, or a key of
// the rows of src/store/schema.ts that abbreviates (`inf`, `pr`, `ps`, `kv`).
// It asks the type checker where a property is declared, so it sees a key however the row
// was obtained (a Dexie table, an IndexedDB read, a destructuring).
import path from 'node:path';

const STORE = `${path.sep}src${path.sep}store${path.sep}`;
const SCHEMA = `${STORE}schema.ts`;
/** The keys of schema.ts's rows that are abbreviations rather than words (`id`, `tab`, `day`, `asn` are words). */
const ABBREVIATIONS = new Set(['inf', 'pr', 'ps', 'kv']);

function storedKey(symbol, name) {
  if (!symbol) return false;
  return (symbol.declarations ?? []).some((declaration) => {
    const file = path.normalize(declaration.getSourceFile().fileName);
    if (!file.includes(STORE)) return false;
    return name.length === 1 || (file.endsWith(SCHEMA) && ABBREVIATIONS.has(name));
  });
}

function propertyOf(checker, type, name) {
  if (!type) return undefined;
  if (type.isUnion?.()) {
    for (const member of type.types) {
      const found = propertyOf(checker, member, name);
      if (found) return found;
    }
    return undefined;
  }
  return checker.getPropertyOfType(checker.getApparentType(type), name);
}

const keyName = (key) => (key.type === 'Identifier' ? key.name : key.type === 'Literal' ? String(key.value) : null);

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Outside src/store/, rows are read and written as the named records src/store/ decodes them to.' },
    messages: {
      stored: "'{{name}}' is a stored row's one-letter key: read the named record src/store/ decodes the row to (src/store/decode.ts).",
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) return {};
    const checker = services.program.getTypeChecker();
    const tsNode = (node) => services.esTreeNodeToTSNodeMap.get(node);
    const report = (node, name) => context.report({ node, messageId: 'stored', data: { name } });
    return {
      MemberExpression(node) {
        if (node.computed || node.property.type !== 'Identifier') return;
        const name = node.property.name;
        if (name.length > 3) return;
        const symbol = checker.getSymbolAtLocation(tsNode(node.property));
        if (storedKey(symbol, name)) report(node.property, name);
      },
      ObjectPattern(node) {
        const type = checker.getTypeAtLocation(tsNode(node));
        for (const property of node.properties) {
          if (property.type !== 'Property' || property.computed) continue;
          const name = keyName(property.key);
          if (name && name.length <= 3 && storedKey(propertyOf(checker, type, name), name)) report(property.key, name);
        }
      },
      ObjectExpression(node) {
        const type = checker.getContextualType(tsNode(node));
        if (!type) return;
        for (const property of node.properties) {
          if (property.type !== 'Property' || property.computed) continue;
          const name = keyName(property.key);
          if (name && name.length <= 3 && storedKey(propertyOf(checker, type, name), name)) report(property.key, name);
        }
      },
    };
  },
};

export default { rules: { 'stored-fields': rule } };

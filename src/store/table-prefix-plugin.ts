import {
  IdentifierNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type PrimitiveValueListNode,
  type SchemableIdentifierNode,
  type UnknownRow,
  type ValuesNode,
} from 'kysely';

/**
 * Adds the configured prefix to the cache's own table names, so the store is
 * written against fixed, typed names (`loved_tracks`) while the host's
 * database holds `lastfm_loved_tracks`. Only the listed names are renamed;
 * aliases and column names are left alone.
 *
 * @internal
 */
export class TablePrefixPlugin implements KyselyPlugin {
  readonly #transformer: PrefixTransformer;

  constructor(prefix: string, tables: readonly string[]) {
    this.#transformer = new PrefixTransformer(new Map(tables.map((name) => [name, `${prefix}${name}`])));
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class PrefixTransformer extends OperationNodeTransformer {
  readonly #names: ReadonlyMap<string, string>;

  constructor(names: ReadonlyMap<string, string>) {
    super();
    this.#names = names;
  }

  // Plain values never name a table, and a 500-row insert holds thousands of
  // them: skip them instead of copying every node.
  protected override transformValues(node: ValuesNode): ValuesNode {
    return node.values.every((list) => list.kind === 'PrimitiveValueListNode') ? node : super.transformValues(node);
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node;
  }

  protected override transformSchemableIdentifier(node: SchemableIdentifierNode, queryId?: Parameters<OperationNodeTransformer['transformNode']>[1]): SchemableIdentifierNode {
    const transformed = super.transformSchemableIdentifier(node, queryId);
    const renamed = this.#names.get(transformed.identifier.name);
    if (renamed === undefined) return transformed;
    return { ...transformed, identifier: IdentifierNode.create(renamed) };
  }
}

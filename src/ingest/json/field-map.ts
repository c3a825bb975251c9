import { loadDataFile } from '../../util/data-loader.js';

/** Shape of data/field-maps/json-layouts.yaml (schemas/data/field-map.schema.json). */
export interface FieldMapFile {
  unwrap: string[];
  containers?: string[];
  channels: string[];
  guidFields: string[];
  hivePrefixes: { from: string; to: string }[];
  layouts: LayoutSpec[];
}

export type SystemField =
  | 'eventId'
  | 'recordId'
  | 'provider'
  | 'channel'
  | 'computer'
  | 'timeCreated'
  | 'version'
  | 'userId';

export type Source =
  | string
  | { join: string[]; sep: string; hive?: boolean }
  | { path: [string, string] }
  | { ecsRegistryData: [string, string] }
  | { guidOf: string[] }
  | { sysmonTime: string };

export interface DataRule {
  object?: string;
  namedList?: string;
  name?: string[];
  text?: string[];
  leaves?: string;
  rest?: true;
  exclude?: string[];
  excludePrefixes?: string[];
  fields?: Record<string, Source[]>;
  when?: number[];
  unless?: number[];
}

export interface LayoutSpec {
  id: string;
  description: string;
  detect: { all?: string[]; any?: string[]; none?: string[]; equals?: Record<string, string> };
  guidStyle?: 'evtx-dump';
  xml?: string;
  parseJson?: string[];
  dropValues?: Record<string, string>;
  constants?: { provider?: string; channel?: string };
  action?: {
    field: string;
    table: Record<string, { eventId: number; set?: Record<string, string> }>;
  };
  system: Partial<Record<SystemField, Source[]>>;
  data: DataRule[];
}

export const FIELD_MAP_FILE = 'field-maps/json-layouts.yaml';
export const FIELD_MAP_SCHEMA = 'field-map.schema.json';

/** The shipped field map, validated at first use (cached by the loader). */
export function loadFieldMap(): FieldMapFile {
  return loadDataFile<FieldMapFile>(FIELD_MAP_FILE, FIELD_MAP_SCHEMA);
}

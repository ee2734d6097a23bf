// The grouped form of the national exchange tables (records by table, joined by task_guid) put together an item
// at a time with bounded memory. The tables may come in any order and an item's records are spread over all of
// them, so every record goes to a spill file as it is read (consecutive records of one item in one table as one
// text), and only where each item's records lie is kept in memory; the items are then put together a batch at a
// time, in the order of their task_basic records, as the import consumes them. A record that joins no item (no
// task_guid, or a task_guid no task_basic record has) is a problem known once the file has been read.
import { Spill, type SpillRef } from '../sync/spill.js';
import { problem, type ImportProblem } from './import-input.js';
import { detached } from './json-stream.js';
import { TABLES, type ItemRecords, type NationalRecord } from './national.js';

export type TableKind = keyof ItemRecords;

/** An item's records as read, and where each of them is (`task_material[12]`) for its problems. */
export interface Located {
  records: ItemRecords;
  /** its basic record: `task_basic[3]` */
  at: string;
  where: Map<NationalRecord, string>;
  /** problems of putting it together, which belong to the item */
  problems: ImportProblem[];
}

/** One record as spilled: its table, its index in that table, the record. */
type Fragment = [kind: TableKind, index: number, record: NationalRecord];

interface Task {
  guid: string;
  refs: SpillRef[];
  /** the index of its task_basic record */
  basic?: number;
  /** where its first record is, while no task_basic record has its task_guid */
  firstAt?: string;
}

/** Spill texts appended per call, and items put together per read. */
const SPILL_BATCH = 2048;
const ASSEMBLE_BATCH = 256;

export class GroupedTables {
  private readonly spill = new Spill();
  private readonly tasks = new Map<string, Task>();
  /** tasks in the order of their task_basic records */
  private readonly order: Task[] = [];
  private run: { task: Task; fragments: Fragment[] } | undefined;
  private texts: string[] = [];
  private owners: Task[] = [];

  constructor(private readonly problems: ImportProblem[]) {}

  /** Stages the `index`th record of a table. */
  add(kind: TableKind, index: number, record: NationalRecord): void {
    const at = `${TABLES[kind]}[${index}]`;
    const key = record.task_guid ?? record.task_code;
    const guid = key === undefined || key === null ? '' : detached(String(key));
    let task: Task | undefined;
    if (guid === '') {
      if (kind !== 'basic') {
        this.problems.push(problem(`${at}.task_guid`, '记录没有 task_guid（也没有 task_code），无法归入任何事项', 'the record has no task_guid (nor task_code): it belongs to no item'));
        return;
      }
      // a basic record on its own: an item without child records
      task = { guid, refs: [] };
    } else {
      task = this.tasks.get(guid);
      if (!task) this.tasks.set(guid, (task = { guid, refs: [], ...(kind === 'basic' ? {} : { firstAt: at }) }));
    }
    if (kind === 'basic') {
      if (task.basic !== undefined) {
        const first = `${TABLES.basic}[${task.basic}]`;
        this.problems.push(problem(`${at}.task_guid`, `task_guid "${guid}" 已用于 ${first}：本记录未导入`, `task_guid "${guid}" is already used by ${first}: this record is not imported`));
        return;
      }
      task.basic = index;
      delete task.firstAt;
      this.order.push(task);
    }
    if (this.run?.task !== task) {
      this.flushRun();
      this.run = { task, fragments: [] };
    }
    this.run.fragments.push([kind, index, record]);
  }

  /** After the last record: every record whose task_guid no task_basic record has is a problem. */
  finish(): void {
    this.flushRun();
    this.flushSpill();
    for (const task of this.tasks.values()) {
      if (task.basic !== undefined) continue;
      this.problems.push(problem(`${task.firstAt}.task_guid`, `没有 task_guid 为 "${task.guid}" 的 task_basic 记录：该 task_guid 的记录都无法归入事项`, `no task_basic record has task_guid "${task.guid}": the records with it belong to no item`));
    }
    this.tasks.clear();
  }

  /** The items' records a batch at a time, in the order of their task_basic records; the spill is removed at the end. */
  async *items(): AsyncGenerator<Located> {
    try {
      for (let i = 0; i < this.order.length; i += ASSEMBLE_BATCH) {
        const group = this.order.slice(i, i + ASSEMBLE_BATCH);
        const read = this.spill.read(group.flatMap((t) => t.refs));
        let next = 0;
        for (const task of group) {
          const fragments = task.refs.flatMap(() => JSON.parse(read[next++]!) as Fragment[]);
          task.refs = [];
          yield located(fragments);
        }
      }
    } finally {
      this.close();
    }
  }

  close(): void {
    this.spill.close();
  }

  private flushRun(): void {
    if (!this.run) return;
    this.texts.push(JSON.stringify(this.run.fragments));
    this.owners.push(this.run.task);
    this.run = undefined;
    if (this.texts.length >= SPILL_BATCH) this.flushSpill();
  }

  private flushSpill(): void {
    const refs = this.spill.append(this.texts);
    for (let i = 0; i < refs.length; i++) this.owners[i]!.refs.push(refs[i]!);
    this.texts = [];
    this.owners = [];
  }
}

/** An item's records from its fragments: one basic record, its extend record, its child records in file order. */
function located(fragments: Fragment[]): Located {
  const records: ItemRecords = { basic: {}, extend: {}, materials: [], handleItems: [], feeProjects: [] };
  const where = new Map<NationalRecord, string>();
  const problems: ImportProblem[] = [];
  let at = '';
  let extendAt: string | undefined;
  for (const [kind, index, record] of fragments) {
    const recordAt = `${TABLES[kind]}[${index}]`;
    where.set(record, recordAt);
    if (kind === 'basic') {
      records.basic = record;
      at = recordAt;
    } else if (kind === 'extend') {
      if (extendAt !== undefined) {
        problems.push(problem(recordAt, `同一 task_guid 的第二条 ${TABLES.extend} 记录（第一条：${extendAt}）`, `a second ${TABLES.extend} record of the same task_guid (the first: ${extendAt})`));
        continue;
      }
      records.extend = record;
      extendAt = recordAt;
    } else {
      records[kind].push(record);
    }
  }
  return { records, at, where, problems };
}

import type { ComponentChildren } from 'preact';
import type { Audience, Circle } from '../../api/types';
import { AudienceSelect } from '../../components/Audience';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/context';
import { listAudience, visibleToLine } from '../../profile/audience';
import { fieldDomId, MAX_ENTRIES, type ListName } from '../../profile/form';

export interface EntryListProps<T extends { key: string; audience: Audience }> {
  list: ListName;
  title: string;
  /** The text of the add button ("Add a position"). */
  addLabel: string;
  /** Shown when the list is empty. */
  emptyText: string;
  entries: readonly T[];
  circles: readonly Circle[];
  /** A short name of one entry, for its heading and the labels of its buttons. */
  entryTitle: (entry: T, index: number) => string;
  render: (entry: T, index: number) => ComponentChildren;
  onAdd: () => void;
  onRemove: (index: number) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onAudience: (index: number, audience: Audience) => void;
  /** The message next to a field path, if any. */
  error: (path: string) => string | undefined;
  /** Compact entries (skills, languages, contacts) have no heading of their own. */
  compact?: boolean;
  intro?: ComponentChildren;
}

/**
 * One list of the profile (positions, education...): its "visible to" summary, its entries,
 * each with its own audience, reorder and remove buttons, and an add button.
 */
export function EntryList<T extends { key: string; audience: Audience }>(props: EntryListProps<T>) {
  const { t } = useI18n();
  const { list, entries, circles } = props;
  const headingId = `${list}-heading`;
  const full = entries.length >= MAX_ENTRIES[list];
  const listError = props.error(list);
  return (
    <section class="card editor-section" aria-labelledby={headingId}>
      <div class="section-head">
        <h2 id={headingId} tabIndex={-1}>
          {props.title}
        </h2>
        <p class="visible-to">{visibleToLine(listAudience(entries.map((e) => e.audience)), circles, t)}</p>
      </div>
      {props.intro}
      {listError && (
        <p class="field-error" id={`${fieldDomId(list)}`} tabIndex={-1}>
          {listError}
        </p>
      )}
      {entries.length === 0 && <p class="muted">{props.emptyText}</p>}
      {entries.length > 0 && (
        <ol class={props.compact ? 'entries entries-compact' : 'entries'}>
          {entries.map((entry, i) => {
            const at = `${list}[${i}]`;
            const name = props.entryTitle(entry, i);
            const entryError = props.error(at);
            return (
              <li key={entry.key} class="entry" aria-label={props.compact ? name : undefined}>
                <div class="entry-head">
                  {props.compact ? null : (
                    <h3 class="entry-title" id={`${fieldDomId(at)}-heading`}>
                      {name}
                    </h3>
                  )}
                  <div class="entry-tools">
                    <AudienceSelect
                      id={fieldDomId(`${at}.audience`)}
                      value={entry.audience}
                      circles={circles}
                      what={name}
                      onChange={(a) => props.onAudience(i, a)}
                      error={props.error(`${at}.audience`)}
                    />
                    <span class="tool-buttons">
                      <button
                        type="button"
                        class="icon-button"
                        id={`${fieldDomId(at)}-up`}
                        aria-label={t('editor.move_up', { what: name })}
                        title={t('editor.move_up', { what: name })}
                        disabled={i === 0}
                        onClick={() => props.onMove(i, -1)}
                      >
                        <ArrowUpIcon class="icon icon-small" />
                      </button>
                      <button
                        type="button"
                        class="icon-button"
                        id={`${fieldDomId(at)}-down`}
                        aria-label={t('editor.move_down', { what: name })}
                        title={t('editor.move_down', { what: name })}
                        disabled={i === entries.length - 1}
                        onClick={() => props.onMove(i, 1)}
                      >
                        <ArrowDownIcon class="icon icon-small" />
                      </button>
                      <button
                        type="button"
                        class="icon-button icon-button-danger"
                        id={`${fieldDomId(at)}-remove`}
                        aria-label={t('editor.remove', { what: name })}
                        title={t('editor.remove', { what: name })}
                        onClick={() => props.onRemove(i)}
                      >
                        <TrashIcon class="icon icon-small" />
                      </button>
                    </span>
                  </div>
                </div>
                {entryError && (
                  <p class="field-error" id={fieldDomId(at)} tabIndex={-1}>
                    {entryError}
                  </p>
                )}
                <div class="entry-body">{props.render(entry, i)}</div>
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" id={`${list}-add`} class="btn btn-secondary btn-small" disabled={full} onClick={props.onAdd}>
        <PlusIcon class="icon icon-small" />
        {props.addLabel}
      </button>
      {full && <p class="hint">{t('editor.list_full', { max: MAX_ENTRIES[list] })}</p>}
    </section>
  );
}

import {
  Button,
  Flex,
  LoadingSpinner,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import type {
  ChannelDecision,
  ChannelInfo,
  ChannelPreviewRow,
  ChannelRules,
} from '@deal-attribution/domain';
import { SAMPLE_TOUCHES, matchRules } from '../channel-preview.js';
import { humanize } from '../format.js';
import type { ChannelPreviewView } from '../hooks/useChannelPreview.js';

/** Rows shown; changed rows come first, so what a rule moves is always in view. */
export const PREVIEW_ROWS = 25;

/** The rules editor's preview: the portal's recent touches, current → proposed channel. */
export function ChannelPreview({
  view,
  rules,
  channels,
}: {
  readonly view: ChannelPreviewView;
  readonly rules: ChannelRules;
  readonly channels: readonly ChannelInfo[];
}) {
  const { data } = view;
  const label = (id: string) => channels.find((c) => c.id === id)?.label ?? humanize(id);
  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }}>
        Preview: how recent touches would be classified
      </Text>
      {view.error === null ? null : (
        <Flex direction="row" gap="sm" align="center">
          <Text variant="microcopy" testId="rules-preview-error">
            {`The preview could not be updated: ${view.error}`}
          </Text>
          <Button size="xs" onClick={view.retry}>
            Try again
          </Button>
        </Flex>
      )}
      {view.stale ? (
        <Text variant="microcopy">Fix the highlighted rule fields to update the preview.</Text>
      ) : null}
      {data === null ? (
        view.loading ? (
          <LoadingSpinner label="Classifying recent touches…" />
        ) : null
      ) : data.sampled === 0 ? (
        <TypicalSources rules={rules} />
      ) : (
        <>
          <Text testId="rules-preview-summary">
            {`${changedSentence(data.changedTouches, data.sampled)} (touches from ${day(data.oldestAt)} to ${day(data.newestAt)}).`}
          </Text>
          <Table density="condensed" flush testId="rules-preview">
            <TableHead>
              <TableRow>
                <TableHeader>Touch</TableHeader>
                <TableHeader>Touches</TableHeader>
                <TableHeader>Now</TableHeader>
                <TableHeader>With these rules</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.slice(0, PREVIEW_ROWS).map((row, i) => (
                <TableRow key={String(i)}>
                  <TableCell>{describe(row)}</TableCell>
                  <TableCell>{String(row.touches)}</TableCell>
                  <TableCell>{label(row.currentChannel)}</TableCell>
                  <TableCell>
                    <Flex direction="row" gap="xs" align="center" wrap>
                      <Text>{`${label(row.proposedChannel)} (${decidedBy(row.proposedBy)})`}</Text>
                      {row.changed ? <Tag variant="warning">changed</Tag> : null}
                    </Flex>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {data.rows.length > PREVIEW_ROWS ? (
            <Text variant="microcopy">{moreRows(data.rows.slice(PREVIEW_ROWS))}</Text>
          ) : null}
        </>
      )}
    </Flex>
  );
}

function changedSentence(changed: number, sampled: number): string {
  const of = `of the ${String(sampled)} most recent touches`;
  return `${changed === 0 ? 'None' : String(changed)} ${of} would change channel`;
}

function moreRows(hidden: readonly ChannelPreviewRow[]): string {
  const changed = hidden.filter((r) => r.changed).length;
  return `…and ${String(hidden.length)} more source combinations${changed > 0 ? `, ${String(changed)} of them changed` : ''}.`;
}

/** "Visit · PAID_SEARCH / cpc / google · campaign brand". */
function describe(row: ChannelPreviewRow): string {
  const details = [row.source, row.medium, row.detail1, row.detail2].filter((x) => x !== null);
  return [
    humanize(row.kind),
    details.length === 0 ? null : details.join(' / '),
    row.campaign === null ? null : `campaign ${row.campaign}`,
  ]
    .filter((x) => x !== null)
    .join(' · ');
}

function decidedBy(by: ChannelDecision): string {
  switch (by.from) {
    case 'admin':
      return `rule ${String(by.index + 1)}`;
    case 'default':
      return 'built-in mapping';
    case 'fallback':
      return 'fallback';
    case 'synced':
      return 'as synced';
  }
}

const day = (iso: string | null): string => (iso === null ? '?' : iso.slice(0, 10));

/** Before the first touches are synced: the rules on typical HubSpot sources. */
function TypicalSources({ rules }: { readonly rules: ChannelRules }) {
  return (
    <>
      <Text variant="microcopy" testId="rules-preview-typical">
        This portal has no touches synced yet, so the preview shows typical HubSpot sources.
      </Text>
      <Table density="condensed" flush testId="rules-preview">
        <TableHead>
          <TableRow>
            <TableHeader>Touch</TableHeader>
            <TableHeader>Channel</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {SAMPLE_TOUCHES.map(({ label, touch }) => {
            const m = matchRules(rules.rules, touch);
            return (
              <TableRow key={label}>
                <TableCell>{label}</TableCell>
                <TableCell>
                  {m.by === 'rule'
                    ? `${m.channel} (rule ${String(m.index + 1)})`
                    : 'HubSpot source mapping'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}

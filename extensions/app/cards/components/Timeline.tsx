import { useState } from 'react';
import { Button, Divider, Flex, ProgressBar, Tag, Text, Tile } from '@hubspot/ui-extensions';
import { ROLE_LABELS } from '@deal-attribution/domain';
import type { TouchpointCredit } from '@deal-attribution/domain';
import { formatDate, formatMoney, formatShare, humanize, monthOf } from '../format.js';

/** Journeys longer than this open collapsed: ends and milestone touches only. */
export const COLLAPSE_ABOVE = 12;
/** Touches shown at each end of a collapsed journey. */
const ENDS = 3;
/** An expanded journey is paged so a 500-touch deal never renders 500 tiles at once. */
export const PAGE_SIZE = 25;

interface Props {
  readonly touches: readonly TouchpointCredit[];
  readonly currency: string;
  /** The deal has no amount: show shares only. */
  readonly sharesOnly: boolean;
  readonly timeZone: string;
}

type Row =
  | { readonly kind: 'touch'; readonly touch: TouchpointCredit }
  | { readonly kind: 'gap'; readonly hidden: number };

/** Touches in time order, grouped by month; long journeys collapse their quiet middle. */
export function Timeline({ touches, currency, sharesOnly, timeZone }: Props) {
  const [expanded, setExpanded] = useState(touches.length <= COLLAPSE_ABOVE);
  const [page, setPage] = useState(0);
  const pages = Math.ceil(touches.length / PAGE_SIZE);
  const rows: readonly Row[] = expanded
    ? touches
        .slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
        .map((touch) => ({ kind: 'touch', touch }))
    : collapse(touches);

  let month = '';
  return (
    <Flex direction="column" gap="xs">
      {rows.map((row, i) => {
        if (row.kind === 'gap') {
          return (
            <Tile key={`gap-${String(i)}`} compact testId="timeline-gap">
              <Flex direction="row" justify="between" align="center">
                <Text variant="microcopy">{`${String(row.hidden)} more touches without a milestone`}</Text>
                <Button
                  size="xs"
                  variant="transparent"
                  onClick={() => {
                    setExpanded(true);
                  }}
                >
                  Show all
                </Button>
              </Flex>
            </Tile>
          );
        }
        const m = monthOf(row.touch.occurredAt, timeZone);
        const heading = m.key !== month ? m.label : null;
        month = m.key;
        return (
          <Flex key={row.touch.id} direction="column" gap="xs">
            {heading === null ? null : (
              <>
                <Divider />
                <Text format={{ fontWeight: 'demibold' }}>{heading}</Text>
              </>
            )}
            <TouchTile
              touch={row.touch}
              currency={currency}
              sharesOnly={sharesOnly}
              timeZone={timeZone}
            />
          </Flex>
        );
      })}
      {expanded && pages > 1 ? (
        <Flex direction="row" justify="between" align="center">
          <Button
            size="xs"
            disabled={page === 0}
            onClick={() => {
              setPage(page - 1);
            }}
          >
            Earlier
          </Button>
          <Text variant="microcopy">{`Page ${String(page + 1)} of ${String(pages)}`}</Text>
          <Button
            size="xs"
            disabled={page >= pages - 1}
            onClick={() => {
              setPage(page + 1);
            }}
          >
            Later
          </Button>
        </Flex>
      ) : null}
      {expanded && touches.length > COLLAPSE_ABOVE ? (
        <Button
          size="xs"
          variant="transparent"
          onClick={() => {
            setExpanded(false);
            setPage(0);
          }}
        >
          Collapse to milestones
        </Button>
      ) : null}
    </Flex>
  );
}

/** Keep both ends, every milestone and every reactivation; fold each run of the rest into a gap. */
export function collapse(touches: readonly TouchpointCredit[]): Row[] {
  const rows: Row[] = [];
  let hidden = 0;
  touches.forEach((touch, i) => {
    const keep =
      i < ENDS || i >= touches.length - ENDS || touch.milestones.length > 0 || touch.reactivation;
    if (!keep) {
      hidden++;
      return;
    }
    if (hidden > 0) rows.push({ kind: 'gap', hidden });
    hidden = 0;
    rows.push({ kind: 'touch', touch });
  });
  return rows;
}

function TouchTile({
  touch,
  currency,
  sharesOnly,
  timeZone,
}: { readonly touch: TouchpointCredit } & Omit<Props, 'touches'>) {
  const share = formatShare(touch.credit.fraction);
  const credit = sharesOnly ? share : `${share} · ${formatMoney(touch.credit.cents, currency)}`;
  const who =
    touch.contactName === null
      ? 'Unknown contact'
      : touch.contactRole === null
        ? touch.contactName
        : `${touch.contactName} (${humanize(touch.contactRole)})`;
  return (
    <Tile compact testId={`touch-${touch.id}`}>
      <Flex direction="column" gap="xs">
        <Flex direction="row" justify="between" align="center" wrap>
          <Flex direction="row" gap="xs" align="center" wrap>
            <Text variant="microcopy">{formatDate(touch.occurredAt, timeZone)}</Text>
            <Tag variant="info">{touch.channelLabel}</Tag>
            <Tag>{humanize(touch.kind)}</Tag>
          </Flex>
          <Text format={{ fontWeight: 'bold' }}>{credit}</Text>
        </Flex>
        <Text truncate>{`${touch.title ?? humanize(touch.kind)} · ${who}`}</Text>
        {touch.milestones.length > 0 || touch.reactivation ? (
          <Flex direction="row" gap="xs" wrap>
            {touch.milestones.map((role) => (
              <Tag key={role} variant="success">
                {ROLE_LABELS[role]}
              </Tag>
            ))}
            {touch.reactivation ? <Tag variant="warning">Reactivation</Tag> : null}
          </Flex>
        ) : null}
        <ProgressBar
          value={Math.round(touch.credit.fraction * 1000) / 10}
          maxValue={100}
          aria-label={`Credit ${share}`}
        />
        <Text variant="microcopy">{touch.reason}</Text>
      </Flex>
    </Tile>
  );
}

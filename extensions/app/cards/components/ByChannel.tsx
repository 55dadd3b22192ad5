import {
  BarChart,
  Flex,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@hubspot/ui-extensions';
import type { ChannelShare } from '@deal-attribution/domain';
import { formatMoney, formatShare } from '../format.js';

interface Props {
  readonly byChannel: readonly ChannelShare[];
  readonly unattributedCents: number;
  readonly currency: string;
  readonly sharesOnly: boolean;
}

/** Credited revenue per channel: a bar chart for the shape, a table for the exact figures. */
export function ByChannel({ byChannel, unattributedCents, currency, sharesOnly }: Props) {
  const digits = minorDigits(currency);
  const rows = byChannel.map((c) => ({
    channel: c.label,
    value: sharesOnly ? Math.round(c.fraction * 1000) / 10 : c.cents / 10 ** digits,
  }));
  return (
    <Flex direction="column" gap="sm">
      <BarChart
        data={rows}
        axes={{
          x: { field: 'channel', fieldType: 'category', label: 'Channel' },
          y: {
            field: 'value',
            fieldType: 'linear',
            label: sharesOnly ? 'Credit (%)' : `Credit (${currency})`,
          },
        }}
        options={{ showDataLabels: true, showTooltips: true }}
      />
      <Table density="condensed" flush>
        <TableHead>
          <TableRow>
            <TableHeader>Channel</TableHeader>
            <TableHeader align="right">Share</TableHeader>
            {sharesOnly ? null : <TableHeader align="right">Credit</TableHeader>}
          </TableRow>
        </TableHead>
        <TableBody>
          {byChannel.map((c) => (
            <TableRow key={c.channel}>
              <TableCell>{c.label}</TableCell>
              <TableCell align="right">{formatShare(c.fraction)}</TableCell>
              {sharesOnly ? null : (
                <TableCell align="right">{formatMoney(c.cents, currency)}</TableCell>
              )}
            </TableRow>
          ))}
          {unattributedCents > 0 ? (
            <TableRow>
              <TableCell>Unattributed</TableCell>
              <TableCell align="right">–</TableCell>
              <TableCell align="right">{formatMoney(unattributedCents, currency)}</TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
    </Flex>
  );
}

function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

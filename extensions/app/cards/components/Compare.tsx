import {
  Flex,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { ChannelShare, DealAttributionBody } from '@deal-attribution/domain';
import { formatShare } from '../format.js';

interface Column {
  readonly model: string;
  readonly label: string;
  readonly byChannel: readonly ChannelShare[];
  readonly unavailable: string | null;
}

/** Channels × models: the shown model first, then the portal's comparison models. */
export function Compare({ data }: { readonly data: DealAttributionBody }) {
  const columns: readonly Column[] = [
    { model: data.model, label: data.modelLabel, byChannel: data.byChannel, unavailable: null },
    // The shown model is already the first column.
    ...data.comparison
      .filter((c) => c.model !== data.model)
      .map((c) => ({
        model: c.model,
        label: c.label,
        byChannel: c.byChannel,
        unavailable: c.unavailable,
      })),
  ];
  if (columns.length === 1) {
    return (
      <Text>No comparison models are configured. An admin can pick some in the app settings.</Text>
    );
  }
  const channels = new Map<string, string>();
  for (const column of columns) for (const c of column.byChannel) channels.set(c.channel, c.label);
  const notes = columns.filter((c) => c.unavailable !== null);
  return (
    <Flex direction="column" gap="sm">
      <Table density="condensed" flush>
        <TableHead>
          <TableRow>
            <TableHeader>Channel</TableHeader>
            {columns.map((c) => (
              <TableHeader key={c.model} align="right">
                {c.label}
              </TableHeader>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {[...channels].map(([channel, label]) => (
            <TableRow key={channel}>
              <TableCell>{label}</TableCell>
              {columns.map((column) => (
                <TableCell key={column.model} align="right">
                  {cell(column, channel)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {notes.map((c) => (
        <Text key={c.model} variant="microcopy">{`${c.label}: ${c.unavailable ?? ''}`}</Text>
      ))}
    </Flex>
  );
}

function cell(column: Column, channel: string): string {
  if (column.unavailable !== null) return '–';
  const share = column.byChannel.find((c) => c.channel === channel);
  return formatShare(share?.fraction ?? 0);
}

import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { ContactShare } from '@deal-attribution/domain';
import { formatMoney, formatShare, humanize } from '../format.js';

interface Props {
  readonly byContact: readonly ContactShare[];
  readonly currency: string;
  readonly sharesOnly: boolean;
}

/** Who on the buyer's side earned what. */
export function ByContact({ byContact, currency, sharesOnly }: Props) {
  if (byContact.length === 0) return <Text>No contact of this deal has a touch yet.</Text>;
  return (
    <Table density="condensed" flush>
      <TableHead>
        <TableRow>
          <TableHeader>Contact</TableHeader>
          <TableHeader>Role</TableHeader>
          <TableHeader align="right">Touches</TableHeader>
          <TableHeader align="right">Share</TableHeader>
          {sharesOnly ? null : <TableHeader align="right">Credit</TableHeader>}
        </TableRow>
      </TableHead>
      <TableBody>
        {byContact.map((c) => (
          <TableRow key={c.contactId}>
            <TableCell>{c.contactName ?? `Contact ${c.contactId}`}</TableCell>
            <TableCell>{c.role === null ? '–' : humanize(c.role)}</TableCell>
            <TableCell align="right">{c.touchpoints}</TableCell>
            <TableCell align="right">{formatShare(c.fraction)}</TableCell>
            {sharesOnly ? null : (
              <TableCell align="right">{formatMoney(c.cents, currency)}</TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

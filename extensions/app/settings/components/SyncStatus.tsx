import {
  Alert,
  Button,
  ErrorState,
  Flex,
  LoadingButton,
  LoadingSpinner,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { StatusBody } from '@deal-attribution/domain';
import { formatWhen, humanize } from '../format.js';
import type { SyncStatusView } from '../hooks/useSyncStatus.js';

const CYCLE_TAG = {
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
} as const;

/** Sync health per stream, the last cycle, and "Recompute now". */
export function SyncStatus({ view }: { readonly view: SyncStatusView }) {
  const { state } = view;
  if (state.status === 'loading') return <LoadingSpinner label="Loading sync status…" />;
  if (state.status === 'error') {
    return (
      <ErrorState title="Sync status is not available">
        <Text>{state.message}</Text>
        <Button onClick={view.refresh}>Try again</Button>
      </ErrorState>
    );
  }
  const { sync, lastCycle, attribution } = state.data;
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="sm" align="center" wrap>
        <Text>{`${String(sync.streamsDone)} of ${String(sync.streamsTotal)} streams fully synced · ${attribution.dealsAttributed.toLocaleString('en-US')} deals attributed (settings v${String(attribution.settingsVersion)}, last ${formatWhen(attribution.lastComputedAt)})`}</Text>
        {lastCycle === null ? null : (
          <StatusTag variant={CYCLE_TAG[lastCycle.state]}>
            {`Last cycle ${lastCycle.state}${lastCycle.step === null ? '' : ` (${lastCycle.step})`}`}
          </StatusTag>
        )}
      </Flex>
      {lastCycle?.error == null ? null : (
        <Alert title="The last cycle failed" variant="error">
          {lastCycle.error}
        </Alert>
      )}
      <StreamTable streams={state.data.sync.streams} />
      <Flex direction="row" gap="sm" align="center">
        <LoadingButton loading={view.recomputing} onClick={view.recomputeNow}>
          Recompute now
        </LoadingButton>
        <Button variant="transparent" onClick={view.refresh}>
          Refresh
        </Button>
      </Flex>
      {view.notice === null ? null : (
        <Alert
          title={view.notice.ok ? 'Recompute queued' : 'Recompute failed'}
          variant={view.notice.ok ? 'success' : 'error'}
        >
          {view.notice.message}
        </Alert>
      )}
    </Flex>
  );
}

function StreamTable({ streams }: { readonly streams: StatusBody['sync']['streams'] }) {
  return (
    <Table density="condensed" flush testId="streams">
      <TableHead>
        <TableRow>
          <TableHeader>Stream</TableHeader>
          <TableHeader>Phase</TableHeader>
          <TableHeader align="right">Records</TableHeader>
          <TableHeader>Last run</TableHeader>
          <TableHeader>Last error</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {streams.map((s) => (
          <TableRow key={s.stream}>
            <TableCell>{humanize(s.stream)}</TableCell>
            <TableCell>{s.phase === null ? 'not started' : s.phase}</TableCell>
            <TableCell align="right">{s.records.toLocaleString('en-US')}</TableCell>
            <TableCell>{formatWhen(s.lastRunAt)}</TableCell>
            <TableCell>
              {s.lastError === null
                ? '–'
                : `${s.lastError.message} (${formatWhen(s.lastError.at)})`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

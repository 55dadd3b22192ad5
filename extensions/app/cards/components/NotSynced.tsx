import { Button, EmptyState, Flex, ProgressBar, Text } from '@hubspot/ui-extensions';
import type { NotSyncedBody } from '@deal-attribution/domain';
import { humanize } from '../format.js';

/** The app is still on its first sync of this portal: show how far it got. */
export function NotSynced({
  data,
  onRefresh,
}: {
  readonly data: NotSyncedBody;
  readonly onRefresh: () => void;
}) {
  const { sync } = data;
  return (
    <EmptyState title="Attribution is being prepared" imageName="building" layout="vertical">
      <Flex direction="column" gap="sm">
        <Text>{data.message}</Text>
        <ProgressBar
          title="First sync"
          value={sync.streamsDone}
          maxValue={Math.max(1, sync.streamsTotal)}
          valueDescription={`${String(sync.streamsDone)} of ${String(sync.streamsTotal)} data streams synced`}
        />
        {sync.streams.map((s) => (
          <Text key={s.stream} variant="microcopy">
            {`${humanize(s.stream)}: ${s.records.toLocaleString('en-US')} records${
              s.lastError === null ? '' : ` · last error: ${s.lastError.message}`
            }`}
          </Text>
        ))}
        <Button onClick={onRefresh}>Check again</Button>
      </Flex>
    </EmptyState>
  );
}

import {
  Flex,
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
  ChannelInfo,
  EvaluatedModel,
  Evaluation,
  ModelAgreement,
} from '@deal-attribution/domain';
import { formatShare } from '../format.js';
import {
  evaluationModelLabel,
  formatInterval,
  formatRho,
  formatScore,
  shareRows,
  versusBaseline,
} from '../evaluation-view.js';

/** One row per evaluated model: held-out log-loss against the baseline's, and AUC. */
export function ModelsTable({
  evaluation,
  pickedId,
}: {
  readonly evaluation: Evaluation;
  readonly pickedId: string;
}) {
  return (
    <Table density="condensed" flush testId="evaluation-models">
      <TableHead>
        <TableRow>
          <TableHeader>Model</TableHeader>
          <TableHeader align="right">Held-out log-loss</TableHeader>
          <TableHeader>Against the baseline</TableHeader>
          <TableHeader align="right">AUC</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {evaluation.models.map((m) => (
          <TableRow key={m.id}>
            <TableCell>
              <Flex direction="row" gap="xs" align="center" wrap>
                <Text>{evaluationModelLabel(m.id)}</Text>
                {m.id === evaluation.recommended.model ? (
                  <Tag variant="success">recommended</Tag>
                ) : null}
                {m.id === pickedId ? <Tag variant="info">picked above</Tag> : null}
              </Flex>
            </TableCell>
            <TableCell align="right">{formatScore(m.logLoss)}</TableCell>
            <TableCell>{versusBaseline(m.logLoss, evaluation.baseline.logLoss)}</TableCell>
            <TableCell align="right">{formatScore(m.auc)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One model's channel shares, largest first, with their 90% bootstrap intervals. */
export function SharesTable({
  model,
  channels,
}: {
  readonly model: EvaluatedModel;
  readonly channels: readonly ChannelInfo[];
}) {
  return (
    <Table density="condensed" flush testId="evaluation-shares">
      <TableHead>
        <TableRow>
          <TableHeader>Channel</TableHeader>
          <TableHeader align="right">Share</TableHeader>
          <TableHeader align="right">90% interval</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {shareRows(model, channels).map((row) => (
          <TableRow key={row.channel}>
            <TableCell>{row.label}</TableCell>
            <TableCell align="right">{formatShare(row.share)}</TableCell>
            <TableCell align="right">{formatInterval(row.lo, row.hi)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Pairwise rank agreement of the models' channel shares. */
export function AgreementTable({ agreement }: { readonly agreement: readonly ModelAgreement[] }) {
  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }}>
        Agreement between models (Spearman’s ρ of their channel shares: 1 = same order, −1 =
        reversed)
      </Text>
      <Table density="condensed" flush testId="evaluation-agreement">
        <TableHead>
          <TableRow>
            <TableHeader>Models</TableHeader>
            <TableHeader align="right">ρ</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {agreement.map((p) => (
            <TableRow key={`${p.a}|${p.b}`}>
              <TableCell>{`${evaluationModelLabel(p.a)} · ${evaluationModelLabel(p.b)}`}</TableCell>
              <TableCell align="right">{formatRho(p.spearman)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}

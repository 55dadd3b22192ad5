import { Button, Flex, Input, Select, Text, Tile } from '@hubspot/ui-extensions';
import { RULE_FIELDS, RULE_OPERATORS } from '@deal-attribution/domain';
import type { ChannelRule, RuleField, RuleOperator } from '@deal-attribution/domain';
import { useChannelPreview } from '../hooks/useChannelPreview.js';
import type { ReadySettingsForm } from '../hooks/useSettingsForm.js';
import { humanize } from '../format.js';
import { ChannelPreview } from './ChannelPreview.js';
import { fieldProps } from './field.js';

const FIELD_OPTIONS = RULE_FIELDS.map((f) => ({ label: humanize(f), value: f }));
const OP_OPTIONS = RULE_OPERATORS.map((o) => ({ label: humanize(o), value: o }));
const isField = (v: unknown): v is RuleField => (RULE_FIELDS as readonly unknown[]).includes(v);
const isOp = (v: unknown): v is RuleOperator => (RULE_OPERATORS as readonly unknown[]).includes(v);

/** The admin's rules (source / medium / campaign … → channel), tried in order, with a preview. */
export function ChannelRules({
  form,
  portalId,
}: {
  readonly form: ReadySettingsForm;
  readonly portalId: number;
}) {
  const { draft, set } = form;
  const { rules } = draft.channelRules;
  const preview = useChannelPreview(portalId, draft.channelRules);
  const setRules = (next: ChannelRule[]) => {
    set('channelRules', { ...draft.channelRules, rules: next });
  };
  const setRule = (i: number, rule: ChannelRule) => {
    setRules(rules.map((r, j) => (j === i ? rule : r)));
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(i, 1);
    next.splice(i + by, 0, rule!);
    setRules(next);
  };
  return (
    <Flex direction="column" gap="sm">
      <Text variant="microcopy">
        Rules are tried from the top; the first whose conditions all hold decides the channel.
        Touches no rule matches keep HubSpot's source mapping.
      </Text>
      {rules.map((rule, i) => (
        <Tile compact key={String(i)} testId={`rule-${String(i)}`}>
          <Flex direction="column" gap="xs">
            <Flex direction="row" gap="sm" align="end" wrap>
              <Input
                label={`Rule ${String(i + 1)}: channel`}
                name={`channelRules.rules.${String(i)}.channel`}
                value={rule.channel}
                {...fieldProps(form, `channelRules.rules.${String(i)}.channel`)}
                onInput={(channel) => {
                  setRule(i, { ...rule, channel });
                }}
              />
              <Button
                size="xs"
                disabled={i === 0}
                onClick={() => {
                  move(i, -1);
                }}
              >
                Up
              </Button>
              <Button
                size="xs"
                disabled={i === rules.length - 1}
                onClick={() => {
                  move(i, 1);
                }}
              >
                Down
              </Button>
              <Button
                size="xs"
                variant="destructive"
                onClick={() => {
                  setRules(rules.filter((_, j) => j !== i));
                }}
              >
                Remove rule
              </Button>
            </Flex>
            {rule.when.map((c, j) => {
              const path = `channelRules.rules.${String(i)}.when.${String(j)}`;
              const setCondition = (next: typeof c) => {
                setRule(i, { ...rule, when: rule.when.map((x, k) => (k === j ? next : x)) });
              };
              return (
                <Flex key={String(j)} direction="row" gap="xs" align="end" wrap>
                  <Select
                    label="Field"
                    name={`${path}.field`}
                    value={c.field}
                    options={FIELD_OPTIONS}
                    onChange={(v) => {
                      if (isField(v)) setCondition({ ...c, field: v });
                    }}
                  />
                  <Select
                    label="Test"
                    name={`${path}.op`}
                    value={c.op}
                    options={OP_OPTIONS}
                    onChange={(v) => {
                      if (isOp(v)) setCondition({ ...c, op: v });
                    }}
                  />
                  <Input
                    label="Value"
                    name={`${path}.value`}
                    value={c.value}
                    {...fieldProps(form, `${path}.value`)}
                    onInput={(value) => {
                      setCondition({ ...c, value });
                    }}
                  />
                  <Button
                    size="xs"
                    variant="transparent"
                    disabled={rule.when.length === 1}
                    onClick={() => {
                      setRule(i, { ...rule, when: rule.when.filter((_, k) => k !== j) });
                    }}
                  >
                    Remove
                  </Button>
                </Flex>
              );
            })}
            <Button
              size="xs"
              variant="transparent"
              onClick={() => {
                setRule(i, {
                  ...rule,
                  when: [...rule.when, { field: 'medium', op: 'equals', value: '' }],
                });
              }}
            >
              Add condition
            </Button>
          </Flex>
        </Tile>
      ))}
      <Flex direction="row" gap="sm" align="end" wrap>
        <Button
          onClick={() => {
            setRules([
              ...rules,
              { channel: '', when: [{ field: 'source', op: 'equals', value: '' }] },
            ]);
          }}
        >
          Add rule
        </Button>
        <Input
          label="Fallback channel"
          name="channelRules.fallback"
          description="For touches nothing else classifies; touches already synced keep their channel."
          value={draft.channelRules.fallback}
          {...fieldProps(form, 'channelRules.fallback')}
          onInput={(fallback) => {
            set('channelRules', { ...draft.channelRules, fallback });
          }}
        />
      </Flex>
      <ChannelPreview view={preview} rules={draft.channelRules} channels={form.channels} />
    </Flex>
  );
}

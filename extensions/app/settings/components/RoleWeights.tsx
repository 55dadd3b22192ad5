import { Flex, NumberInput, Text } from '@hubspot/ui-extensions';
import type { ReadySettingsForm } from '../hooks/useSettingsForm.js';
import { humanize } from '../format.js';
import { fieldProps } from './field.js';

/** HubSpot's buying roles (contact property hs_buying_role). */
export const BUYING_ROLES = [
  'DECISION_MAKER',
  'BUDGET_HOLDER',
  'CHAMPION',
  'EXECUTIVE_SPONSOR',
  'INFLUENCER',
  'END_USER',
  'LEGAL_AND_COMPLIANCE',
  'BLOCKER',
  'OTHER',
] as const;

/** Weight of each buying role's touches; 1 is normal, 2 counts twice, 0 ignores the role. */
export function RoleWeights({ form }: { readonly form: ReadySettingsForm }) {
  const { draft, set } = form;
  const roles = [...new Set([...BUYING_ROLES, ...Object.keys(draft.contactRoleWeights)])];
  return (
    <Flex direction="column" gap="xs">
      <Text variant="microcopy">
        Multiplies the credit of touches by contacts with this buying role. Leave 1 for normal
        weight.
      </Text>
      <Flex direction="row" gap="sm" wrap>
        {roles.map((role) => (
          <NumberInput
            key={role}
            label={humanize(role)}
            name={`contactRoleWeights.${role}`}
            value={draft.contactRoleWeights[role] ?? 1}
            min={0}
            max={100}
            precision={2}
            {...fieldProps(form, `contactRoleWeights.${role}`)}
            onChange={(value) => {
              // 1 is the default for every role: keep the stored map to the roles that differ.
              const others = Object.entries(draft.contactRoleWeights).filter(([r]) => r !== role);
              set(
                'contactRoleWeights',
                Object.fromEntries(value === 1 ? others : [...others, [role, value]]),
              );
            }}
          />
        ))}
      </Flex>
    </Flex>
  );
}

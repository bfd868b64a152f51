import { Text, View } from '@tarojs/components';
import { UNIT_LEVEL_LABELS, type UnitDto, type UnitLevel } from '@minsheng/shared';
import { Choice, ChoiceGroup } from '../../../components/ui';

/** The chain from the root down to `unitId` (the root excluded), as the picker shows it. */
export function unitChain(units: readonly UnitDto[], unitId: string | undefined): UnitDto[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: UnitDto[] = [];
  for (let u = unitId ? byId.get(unitId) : undefined; u && u.parentId; u = u.parentId ? byId.get(u.parentId) : undefined) chain.unshift(u);
  return chain;
}

/**
 * 所在地区: a cascade of choices, 区/县 → 街道/乡镇 → 社区/村 (each level offered once the one above is
 * chosen), so it works alike in H5 and in WeChat. Choosing a level again replaces what was below it;
 * tapping the chosen one again clears it. `onChange` gets the deepest unit chosen (undefined for none).
 */
export function UnitPicker({ units, value, onChange }: { units: readonly UnitDto[]; value: string | undefined; onChange: (unitId: string | undefined) => void }) {
  const root = units.find((u) => !u.parentId);
  if (!root) return null;
  const chain = unitChain(units, value);
  const levels: { parent: UnitDto; chosen?: UnitDto }[] = [];
  let parent: UnitDto | undefined = root;
  for (let depth = 0; parent && units.some((u) => u.parentId === parent!.id); depth++) {
    levels.push({ parent, ...(chain[depth] ? { chosen: chain[depth] } : {}) });
    parent = chain[depth];
  }
  return (
    <View className='unit-picker'>
      {levels.map(({ parent: p, chosen }) => {
        const children = units.filter((u) => u.parentId === p.id);
        const levelLabel = UNIT_LEVEL_LABELS[(children[0]?.level ?? 2) as UnitLevel];
        return (
          <View key={p.id} className='unit-picker__level'>
            <Text className='field__hint'>{`${p.name}的${levelLabel}`}</Text>
            <ChoiceGroup label={`${p.name}的${levelLabel}`} className='unit-picker__choices'>
              {children.map((u) => (
                <Choice key={u.id} className='choice--unit' selected={chosen?.id === u.id} onSelect={() => onChange(chosen?.id === u.id ? (p.parentId ? p.id : undefined) : u.id)}>
                  {u.name}
                </Choice>
              ))}
            </ChoiceGroup>
          </View>
        );
      })}
    </View>
  );
}

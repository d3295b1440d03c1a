import {
  Create,
  Edit,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleShowLayout,
  required,
} from 'react-admin';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Rule = { id: string; year: number };

const filters = [
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <NumberInput key="y" source="year" alwaysOn />,
];

const Credits = () => (
  <>
    <NumberInput source="creditsPerHour" step={0.5} />
    <NumberInput source="creditsPerCase" step={0.5} />
    <NumberInput source="creditsPerReport" step={0.5} />
  </>
);

export const CreditRuleList = () => (
  <List sort={{ field: 'year', order: 'DESC' }} filters={filters}>
    <ResponsiveList<Rule> primary={(r) => `${r.year}`}>
      <ReferenceField source="societyId" reference="Society" sortable={false} />
      <NumberField source="year" options={{ useGrouping: false }} />
      <NumberField source="creditsPerHour" sortable={false} />
      <NumberField source="creditsPerCase" sortable={false} />
      <NumberField source="creditsPerReport" sortable={false} />
    </ResponsiveList>
  </List>
);

export const CreditRuleShow = () => (
  <ShowPage>
    <SimpleShowLayout>
      <ReferenceField source="societyId" reference="Society" />
      <NumberField source="year" options={{ useGrouping: false }} />
      <NumberField source="creditsPerHour" />
      <NumberField source="creditsPerCase" />
      <NumberField source="creditsPerReport" />
    </SimpleShowLayout>
  </ShowPage>
);

export const CreditRuleCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ReferenceInput source="societyId" reference="Society">
        <SelectInput optionText="code" validate={required()} />
      </ReferenceInput>
      <NumberInput source="year" validate={required()} defaultValue={new Date().getFullYear()} />
      <Credits />
    </SimpleForm>
  </Create>
);

export const CreditRuleEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <Credits />
    </SimpleForm>
  </Edit>
);

export const creditRules = {
  name: 'CreditRule',
  list: CreditRuleList,
  show: CreditRuleShow,
  create: CreditRuleCreate,
  edit: CreditRuleEdit,
};

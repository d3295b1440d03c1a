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
  TextField,
  required,
} from 'react-admin';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Setting = { id: string; year: number; society?: { code: string } };

const filters = [
  <ReferenceInput key="s" source="societyId" reference="Society" alwaysOn>
    <SelectInput optionText="code" />
  </ReferenceInput>,
  <NumberInput key="y" source="year" alwaysOn />,
];

const Thresholds = () => (
  <>
    <NumberInput source="minMeetings" />
    <NumberInput source="minHours" />
    <NumberInput source="minAttended" />
    <NumberInput source="minGroupMembers" />
    <NumberInput source="maxGroupMembers" />
  </>
);

export const SocietySettingList = () => (
  <List sort={{ field: 'year', order: 'DESC' }} filters={filters}>
    <ResponsiveList<Setting> primary={(r) => `${r.society?.code ?? ''} ${r.year}`}>
      <TextField
        source="society.code"
        label="resources.SocietySetting.fields.societyId"
        sortable={false}
      />
      <NumberField source="year" options={{ useGrouping: false }} />
      <NumberField source="minMeetings" sortable={false} />
      <NumberField source="minHours" sortable={false} />
      <NumberField source="minAttended" sortable={false} />
      <NumberField source="minGroupMembers" sortable={false} />
      <NumberField source="maxGroupMembers" sortable={false} />
    </ResponsiveList>
  </List>
);

export const SocietySettingShow = () => (
  <ShowPage>
    <SimpleShowLayout>
      <ReferenceField source="societyId" reference="Society" />
      <NumberField source="year" options={{ useGrouping: false }} />
      <NumberField source="minMeetings" />
      <NumberField source="minHours" />
      <NumberField source="minAttended" />
      <NumberField source="minGroupMembers" />
      <NumberField source="maxGroupMembers" />
    </SimpleShowLayout>
  </ShowPage>
);

export const SocietySettingCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ReferenceInput source="societyId" reference="Society">
        <SelectInput optionText="code" validate={required()} />
      </ReferenceInput>
      <NumberInput source="year" validate={required()} defaultValue={new Date().getFullYear()} />
      <Thresholds />
    </SimpleForm>
  </Create>
);

export const SocietySettingEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <Thresholds />
    </SimpleForm>
  </Edit>
);

export const societySettings = {
  name: 'SocietySetting',
  list: SocietySettingList,
  show: SocietySettingShow,
  create: SocietySettingCreate,
  edit: SocietySettingEdit,
};

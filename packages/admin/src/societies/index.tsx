import {
  Create,
  Edit,
  List,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { ParisDateField } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Society = { id: string; code: string; name: string; region?: string };

const filters = [<TextInput key="q" source="q" alwaysOn />];

export function SocietyList() {
  return (
    <List sort={{ field: 'code', order: 'ASC' }} filters={filters}>
      <ResponsiveList<Society> primary={(r) => r.code} secondary={(r) => r.name}>
        <TextField source="code" />
        <TextField source="name" />
        <TextField source="region" />
      </ResponsiveList>
    </List>
  );
}

export function SocietyShow() {
  return (
    <ShowPage>
      <SimpleShowLayout>
        <TextField source="code" />
        <TextField source="name" />
        <TextField source="region" />
        <ParisDateField source="createdAt" />
      </SimpleShowLayout>
    </ShowPage>
  );
}

function SocietyForm({ create = false }: { create?: boolean }) {
  return (
    <SimpleForm>
      <TextInput source="code" validate={required()} disabled={!create} helperText={false} />
      <TextInput source="name" validate={required()} />
      <TextInput source="region" />
    </SimpleForm>
  );
}

export const SocietyCreate = () => (
  <Create redirect="show">
    <SocietyForm create />
  </Create>
);
export const SocietyEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SocietyForm />
  </Edit>
);

export const societies = {
  name: 'Society',
  list: SocietyList,
  show: SocietyShow,
  create: SocietyCreate,
  edit: SocietyEdit,
  recordRepresentation: 'code',
};

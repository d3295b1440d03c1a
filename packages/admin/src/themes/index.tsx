import {
  BooleanField,
  BooleanInput,
  Create,
  Edit,
  List,
  NumberField,
  NumberInput,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Theme = { id: string; code: string; labelFr: string };

/** Themes are data, not code: the national priorities change every few years. */
export const ThemeList = () => (
  <List
    sort={{ field: 'sortOrder', order: 'ASC' }}
    filters={[<BooleanInput key="a" source="active" />]}
  >
    <ResponsiveList<Theme> primary={(r) => r.labelFr} secondary={(r) => r.code}>
      <NumberField source="sortOrder" />
      <TextField source="code" />
      <TextField source="labelFr" />
      <TextField source="labelEn" sortable={false} />
      <TextField source="period" sortable={false} emptyText="—" />
      <BooleanField source="active" sortable={false} />
    </ResponsiveList>
  </List>
);

export const ThemeShow = () => (
  <ShowPage>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="labelFr" />
      <TextField source="labelEn" />
      <TextField source="period" emptyText="—" />
      <NumberField source="sortOrder" />
      <BooleanField source="active" />
    </SimpleShowLayout>
  </ShowPage>
);

export const ThemeCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <TextInput source="code" validate={required()} />
      <TextInput source="labelFr" validate={required()} />
      <TextInput source="labelEn" validate={required()} />
      <TextInput source="period" />
      <NumberInput source="sortOrder" />
    </SimpleForm>
  </Create>
);

export const ThemeEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <TextInput source="labelFr" validate={required()} />
      <TextInput source="labelEn" validate={required()} />
      <TextInput source="period" />
      <NumberInput source="sortOrder" />
      <BooleanInput source="active" />
    </SimpleForm>
  </Edit>
);

export const themes = {
  name: 'Theme',
  list: ThemeList,
  show: ThemeShow,
  create: ThemeCreate,
  edit: ThemeEdit,
  recordRepresentation: 'labelFr',
};

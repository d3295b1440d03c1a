import {
  Create,
  List,
  NumberField,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { ParisDateField } from '../common/fields';
import { ResponsiveList } from '../common/ResponsiveList';
import { ShowPage } from '../common/ShowPage';

type Charter = { id: string; number: number; title: string };

export const CharterList = () => (
  <List sort={{ field: 'number', order: 'DESC' }}>
    <ResponsiveList<Charter> primary={(r) => `v${r.number} — ${r.title}`}>
      <NumberField source="number" />
      <TextField source="title" sortable={false} />
      <ParisDateField source="publishedAt" />
    </ResponsiveList>
  </List>
);

export const CharterShow = () => (
  <ShowPage>
    <SimpleShowLayout>
      <NumberField source="number" />
      <TextField source="title" />
      <ParisDateField source="publishedAt" withTime />
      <TextField
        source="body"
        component="pre"
        sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}
      />
    </SimpleShowLayout>
  </ShowPage>
);

/** Publishing a new version asks every member to accept it again: the form says so. */
export const CharterCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <TextInput source="title" validate={required()} />
      <TextInput source="body" validate={required()} multiline minRows={10} fullWidth />
    </SimpleForm>
  </Create>
);

export const charters = {
  name: 'CharterVersion',
  list: CharterList,
  show: CharterShow,
  create: CharterCreate,
  recordRepresentation: 'title',
};

// TODO(issue 7): placeholder while the page is being built.
export default function Placeholder() {
  return <p>…</p>;
}

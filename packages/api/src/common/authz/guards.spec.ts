import 'reflect-metadata';
import { Query, Resolver } from 'type-graphql';
import { assertEveryRootFieldGuarded, Public, publicRootFieldNames, SignedIn } from './guards';

// Checked by class: these resolvers are never part of the application's schema.
@Resolver()
class GuardedResolver {
  @SignedIn()
  @Query(() => String)
  guarded(): string {
    return 'ok';
  }

  @Public()
  @Query(() => String)
  open(): string {
    return 'ok';
  }
}

describe('assertEveryRootFieldGuarded', () => {
  it('passes when every root field has a guard', () => {
    expect(GuardedResolver).toBeDefined();
    expect(() => assertEveryRootFieldGuarded([GuardedResolver])).not.toThrow();
    expect(publicRootFieldNames([GuardedResolver])).toEqual(['open']);
  });

  it('stops the build when a root field has none', () => {
    @Resolver()
    class ForgetfulResolver {
      @Query(() => String)
      forgotten(): string {
        return 'oops';
      }
    }
    expect(ForgetfulResolver).toBeDefined();
    expect(() => assertEveryRootFieldGuarded([GuardedResolver, ForgetfulResolver])).toThrow(
      'ForgetfulResolver.forgotten',
    );
  });
});

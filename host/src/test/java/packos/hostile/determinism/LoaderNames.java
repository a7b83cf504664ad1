package packos.hostile.determinism;

import packos.lib.Process;
import packos.lib.Program;

/** Prints JDK error messages that describe its class loader: the same in every run, or determinism is broken. */
public final class LoaderNames implements Program {
    static final class Apple {}

    static final class Pear {}

    @Override
    public void main(Process self) {
        Object fruit = new Apple();
        try {
            self.print("pear " + (Pear) fruit);
        } catch (ClassCastException e) {
            self.print("cast: " + e.getMessage());
            self.print("text: " + e);
            self.print("localized: " + e.getLocalizedMessage());
        }
        Object[] pears = new Pear[1];
        try {
            pears[0] = fruit;
        } catch (ArrayStoreException e) {
            self.print("store: " + e.getMessage());
        }
        self.print("loader: " + getClass().getClassLoader().getName());
    }
}

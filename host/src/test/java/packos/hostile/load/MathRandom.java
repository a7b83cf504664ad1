package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: draws from the JVM'\''s one shared, unseeded random source. */
public final class MathRandom implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("dice " + (int) (Math.random() * 6));
    }
}

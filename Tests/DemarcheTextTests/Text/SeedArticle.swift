/// The seed article (/work/shared/examples/korea-2022.txt), embedded byte for byte so the
/// tests run in a clean clone.
enum SeedArticle {
    static let text = #"""
    Sat. Jan 22nd, 2022

    North Korean leader Kim Jong Un has vowed to build an “invincible” military and accuses the United States of creating tensions and not taking steps to prove it has no hostile intent towards its country, state media reported.

    In an apparent continued effort to drive a wedge between Washington and Seoul, Kim said his efforts to build his military were not targeted at South Korea, adding that there must not be another war that pits Korean people against each other. .

    He delivered the speech on Monday at an event to mark the 76th birthday of the ruling Labor Party the day before.

    “The United States has often signaled that it is not hostile to our state, but there is no action-based evidence to make us believe they are not hostile,” Kim said, according to the official Korean Central News Agency.

    In a dark suit with white shirt and red tie, Kim Jong Un gives a speech at a brown lecture in front of a red and yellow lecture.
    Kim said South Korea was hypocritical for continuing to build its military force, while asking the North to show restraint.

    Kim called the United States a “source” of instability on the Korean Peninsula, saying his country’s main goal was to possess an “invincible military capability” that no one can dare challenge.

    He accused South Korea of hypocrisy because it criticized North Korea’s weapons development as provocations, while spending heavily on increasing its own military capabilities, including the purchase of advanced American stealth fighters.

    “I say once again that South Korea is not the one our military forces have to fight against,” Kim said.

    “Certainly we are not strengthening our defense capability because of South Korea.

    North Korea’s missile test resumes

    North Korea has in recent weeks sent mixed signals to its rivals.

    Last month, North Korea conducted its first missile tests in six months, including nuclear weapons that could reach targets in South Korea and Japan, including Asian-based U.S. military bases.

    People at the train station watch the TV screen of North Korean leader Kim Jong Un during a military parade
    Commuters at Seoul Railway Station watch Mr Kim’s speech referring to South Korea in measured tones.(AP: Ahn Young-joon)

    But North Korea also said it is open to talks with South Korea if the conditions are met.

    Some experts say North Korea is trying to use South Korea’s desire to improve ties to pressure it to persuade the United States to relax by imposing economic sanctions on the North and making other concessions.

    North Korea has long sought improved relations with the United States because it wants sanctions and a better security environment to focus on reviving its affected economy.

    US offers to talk to North Korea ‘anytime’

    The high-stakes diplomacy between the countries fell apart in early 2019, after the Americans rejected North Korea’s calls for comprehensive sanctions relief in return for partial disarmament steps.

    The United States has recently repeatedly offered talks with North Korea “anywhere and anytime” without preconditions.

    Donald Trump and Kim Jong-un give a handshake while sitting in chairs in front of North Korean and American flags.
    Kim (right) held summits on Asian soil with former US President Donald Trump in 2018 and 2019.(AP: Evan Vucci)

    Kim has called the offer a “cunning” attempt to hide US hostility to North Korea, as he wants Washington to ease sanctions or suspend his regular military exercises with Seoul first before negotiations can resume.

    Despite his recent missile tests, Kim still has an independent moratorium on long-range missile tests in 2018, aimed directly at the US homeland.

    It is a sign that he will still retain the chances of future talks with Washington, observers say.

    Kim enjoyed a warm relationship with former President Donald Trump and met with him several times, but has yet to have a face-to-face discussion with Trump’s successor, Joe Biden.



    Leave a Reply

    Your email address will not be published. Required fields are marked *
    """#
}
